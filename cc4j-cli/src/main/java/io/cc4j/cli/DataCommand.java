package io.cc4j.cli;

import io.cc4j.cli.common.ParentCommand;
import picocli.CommandLine.Command;

/** {@code cc4j data}: parent of the dataset commands; prints its usage when run alone. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Look at datasets before training on them, or make a synthetic one.",
        subcommands = {DataInspectCommand.class, DataSynthCommand.class})
public final class DataCommand extends ParentCommand {
}
