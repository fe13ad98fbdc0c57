package io.cc4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code cc4j data}: parent of the dataset commands; prints its usage when run alone. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Look at datasets before training on them, or make a synthetic one.",
        subcommands = {DataInspectCommand.class, DataSynthCommand.class})
public final class DataCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
