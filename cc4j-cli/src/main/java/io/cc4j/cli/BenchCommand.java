package io.cc4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cc4j bench}: parent of the speed benchmarks; prints its usage when run alone. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Speed benchmarks (views per second, threads, peak memory).",
        subcommands = {BenchStepCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
