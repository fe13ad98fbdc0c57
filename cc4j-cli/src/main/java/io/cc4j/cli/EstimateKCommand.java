package io.cc4j.cli;

import io.cc4j.InvalidInputException;
import io.cc4j.cli.common.DataOption;
import io.cc4j.cli.common.JsonOption;
import io.cc4j.cli.common.ModelOption;
import io.cc4j.cli.common.SeedOption;
import io.cc4j.cli.common.ThreadsOption;
import io.cc4j.cluster.KEstimate;
import io.cc4j.pipeline.EstimateKJob;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cc4j estimate-k}: how many clusters the data holds, when K is unknown. */
@Command(
        name = "estimate-k", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimates the number of clusters in a trained run's data.",
            "K-means on the L2-normalised instance features of a seeded sample, for each K of the range, scored by the"
                    + " cosine silhouette, the gap statistic (Tibshirani et al.) and the stability across seeds (mean"
                    + " ARI). Prints a table and the chosen K (the K most criteria choose), keeps estimate-k.json in the"
                    + " run and draws its curve in the run's report."},
        footer = {"", "Examples:", "  cc4j estimate-k --model runs/fm --range 2..30", "  cc4j estimate-k --model runs/fm --data folder:photos --json"})
final class EstimateKCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--range", defaultValue = "2..50", paramLabel = "A..B", description = "K values tried (default ${DEFAULT-VALUE}).")
    String range;

    @Mixin
    DataOption data;

    @Option(names = "--sample", defaultValue = "10000", description = "Images in the seeded sample (default ${DEFAULT-VALUE}).")
    int sample;

    @Mixin
    SeedOption seed;

    @picocli.CommandLine.Mixin
    ThreadsOption engineThreads = new ThreadsOption();

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        String[] parts = range.split("\\.\\.");
        int[] bounds;
        try {
            bounds = new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[parts.length - 1].trim())};
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--range must look like 2..50, got '" + range + "'");
        }
        if (parts.length != 2) {
            throw new InvalidInputException("--range must look like 2..50, got '" + range + "'");
        }
        PrintWriter err = spec.commandLine().getErr();
        KEstimate e;
        try (Progress p = Progress.of("features", -1)) {
            e = EstimateKJob.of(model.path(), data.orNull(), bounds[0], bounds[1], sample, seed.seed(), engineThreads.threads()).run(p::stepTo,
                    (row, done, total) -> err.printf("K %d done (%d of %d)%n", row.k(), done, total));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.json()) {
            out.println(e.toJson());
        } else {
            out.print(e.table());
            out.println("chosen K: " + e.chosenK() + "  (by criterion: " + e.choices() + ")");
        }
        return 0;
    }
}
