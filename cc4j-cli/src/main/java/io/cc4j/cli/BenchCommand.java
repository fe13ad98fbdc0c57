package io.cc4j.cli;

import io.cc4j.cli.common.ParentCommand;
import picocli.CommandLine.Command;

/** {@code cc4j bench}: parent of the throughput benchmarks; prints its usage when run alone. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Throughput benchmarks (not tests).", "Each prints the median of timed repeats after a warm-up."},
        subcommands = {BenchAugmentCommand.class, BenchStepCommand.class, BenchAssignCommand.class,
            BenchPeakCommand.class, BenchServeCommand.class})
public final class BenchCommand extends ParentCommand {
}
