package io.cc4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cc4j data}: parent of the dataset commands; prints its usage when run alone. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Look at datasets before training on them.",
        subcommands = {DataInspectCommand.class})
public final class DataCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
