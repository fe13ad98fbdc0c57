package io.cc4j.cli;

import io.cc4j.InvalidInputException;
import io.cc4j.cli.common.SeedOption;
import io.cc4j.cli.common.ThreadsOption;
import io.cc4j.data.FashionMnist;
import io.cc4j.pipeline.DemoConfig;
import io.cc4j.pipeline.FashionMnistDemo;
import io.cc4j.run.RunLayout;
import io.cc4j.run.RunSummary;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cc4j demo}: Contrastive Clustering on Fashion-MNIST, end to end, with a report. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs Contrastive Clustering on Fashion-MNIST, with a report.",
            "Trains within a time budget on 70,000 images of 10 classes, then boosts the model for the last part of"
                    + " the budget, clusters every image, and compares NMI/ACC/ARI of (a) CC's cluster head, (b)"
                    + " k-means on CC's instance features, (c) k-means on raw pixels, (d) CC + boost. Writes"
                    + " RUN_DIR/report/index.html (the boost stage's run and report in RUN_DIR/boost).",
            "Through ./cc4j, the data (Debian package dataset-fashion-mnist) is installed on first use."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = {"-o", "--out"}, paramLabel = "RUN_DIR", description = "Run directory (default runs/demo-DATE-TIME).")
    Path out;

    @Option(names = "--minutes", paramLabel = "M", description = "Wall-clock budget for training + clustering + report (default 8; with --full 240).")
    Double minutes;

    @Option(names = "--full", description = "All 70,000 training images, torchvision's width, up to 100 epochs (hours on a CPU).")
    boolean full;

    @Mixin
    SeedOption seed;

    @picocli.CommandLine.Mixin
    ThreadsOption engineThreads = new ThreadsOption();

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the Fashion-MNIST IDX .gz files (default: where the Debian package installs them).")
    Path data;

    @Override
    public Integer call() {
        Path dir = data != null ? data : locate();
        Path run = out != null ? out
                : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        DemoConfig cfg = new DemoConfig(dir, run, minutes != null ? minutes : full ? 240 : 8, full, seed.seed(),
                engineThreads.threads());
        FashionMnistDemo demo = new FashionMnistDemo(cfg, new ProgressListener(System.err), System.err::println);
        RunSummary summary = demo.run();
        System.out.println();
        System.out.print(summary.table());
        System.out.println();
        System.out.println("report: " + RunLayout.of(run).report().toAbsolutePath());
        return 0;
    }


    private static Path locate() {
        String env = System.getenv("CC4J_FASHION_MNIST");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return FashionMnist.defaultDirectory().orElseThrow(() -> new InvalidInputException(
                "Fashion-MNIST not found in " + FashionMnist.candidateDirectories()
                        + "; run the demo through ./cc4j (it installs the Debian package dataset-fashion-mnist) or give --data DIR"));
    }
}
