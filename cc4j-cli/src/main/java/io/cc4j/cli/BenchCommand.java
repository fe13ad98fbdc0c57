package io.cc4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code cc4j bench}: parent of the throughput benchmarks; prints its usage when run alone. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Throughput benchmarks (not tests).", "Each prints the median of timed repeats after a warm-up."},
        subcommands = {BenchAugmentCommand.class, BenchStepCommand.class, BenchAssignCommand.class,
            BenchPeakCommand.class, BenchServeCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
