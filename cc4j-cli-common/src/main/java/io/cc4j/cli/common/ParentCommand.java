package io.cc4j.cli.common;

import picocli.CommandLine;

/** A command that only groups others ({@code cc4j}, {@code cc4j bench}, {@code cc4j spark}): run alone, it shows its help. */
public abstract class ParentCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
