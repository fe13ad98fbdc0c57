package io.cc4j.cli;

import io.cc4j.cli.common.SeedOption;
import io.cc4j.data.SyntheticCifar10;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code cc4j data synth}: writes a small labelled synthetic dataset in CIFAR-10's binary format. */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a labelled synthetic dataset in CIFAR-10's binary format.",
            "32x32 RGB images of a tinted square whose position and colour depend on the class, on noise: for smoke"
                    + " tests and repeatability runs "
                    + "where real data is not at hand. The same seed writes the same bytes. Prints the dataset spec.",
        },
        exitCodeList = {"0:written"})
public final class DataSynthCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the batch files to.")
    private Path out;

    @Option(names = {"-n", "--count"}, defaultValue = "1040", paramLabel = "N",
            description = "Number of images (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--classes", defaultValue = "10", paramLabel = "K",
            description = "Number of classes, 2 to 10 (default: ${DEFAULT-VALUE}).")
    private int classes;

    @Mixin
    SeedOption seed;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(SyntheticCifar10.write(out, count, classes, seed.seed()));
        return 0;
    }
}
