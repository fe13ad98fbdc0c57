package io.cc4j.cli;

import io.cc4j.cli.common.DataOption;
import io.cc4j.cli.common.ModelOption;
import io.cc4j.cli.common.ThreadsOption;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.pipeline.MergeJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cc4j merge}: an over-clustered model merged down to K clusters. */
@Command(
        name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Merges an over-clustered model's clusters down to K.",
            "For a model trained with more clusters than wanted (e.g. K = 3 x the classes): average-linkage"
                    + " agglomeration of the clusters down to --into K, compared by the cluster head's last-layer rows"
                    + " (--by head) or by probability-weighted centroids of the instance features (--by centroids)."
                    + " Writes the merged assignments like cc4j cluster (merged probabilities summed) and keeps"
                    + " merge-K.json in the run."},
        footer = {"", "Example:", "  cc4j merge --model runs/fm-k30 --into 10 --out merged.csv --evaluate"})
final class MergeCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--into", required = true, paramLabel = "K", description = "Number of clusters wanted.")
    int into;

    @Option(names = "--by", defaultValue = "head", description = "head | centroids (default ${DEFAULT-VALUE}).")
    String by;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "CSV of the merged assignments.")
    Path out;

    @Mixin
    DataOption data;

    @Option(names = "--evaluate", description = "Print NMI/ACC/ARI when the data has labels.")
    boolean evaluate;

    @picocli.CommandLine.Mixin
    ThreadsOption engineThreads = new ThreadsOption();

    @Override
    public Integer call() {
        MergeJob.By kind = switch (by.toLowerCase(Locale.ROOT)) {
            case "head" -> MergeJob.By.HEAD;
            case "centroids" -> MergeJob.By.CENTROIDS;
            default -> throw new io.cc4j.InvalidInputException("--by must be head or centroids, got '" + by + "'");
        };
        MergeJob.Outcome o;
        try (Progress p = Progress.of("assigning", -1)) {
            o = MergeJob.of(model.path(), into, kind, data.orNull(), out, engineThreads.threads()).run(p::stepTo);
        }
        PrintWriter console = spec.commandLine().getOut();
        console.printf("merged %d clusters into %d: %s%n", o.merge().clusters(), o.merge().into(),
                Arrays.deepToString(o.merge().groups()));
        console.printf("wrote %d assignments to %s (sizes %s); mapping in %s%n", o.assignments().size(), out,
                Arrays.toString(o.assignments().clusterSizes()), o.mappingFile());
        if (evaluate) {
            ClusteringScores s = o.scores();
            console.println(s == null ? "no labels in the data: nothing to evaluate"
                    : String.format("NMI %.4f  ACC %.4f  ARI %.4f  FMI %.4f  (n = %d)", s.nmi(), s.acc(), s.ari(), s.fmi(), s.n()));
        }
        return 0;
    }
}
