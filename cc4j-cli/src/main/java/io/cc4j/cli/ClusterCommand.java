package io.cc4j.cli;

import io.cc4j.cli.common.ChannelsLastOption;
import io.cc4j.cli.common.DataOption;
import io.cc4j.cli.common.MaxPixelsOption;
import io.cc4j.cli.common.ModelOption;
import io.cc4j.cli.common.SeedOption;
import io.cc4j.cli.common.ThreadsOption;
import io.cc4j.inference.AssignmentMethod;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.model.FeatureKind;
import io.cc4j.pipeline.ClusterJob;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cc4j cluster}: assigns images to clusters with a trained model. */
@Command(
        name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Assigns images to clusters with a trained model.",
            "Default: argmax of the cluster head. --method kmeans: the paper's ablation, k-means on the instance-head"
                    + " (or backbone) features; the centroids are kept in RUN_DIR/kmeans-ON.json, and --saved-centroids"
                    + " assigns new data by them instead of fitting k-means again.",
            "Writes CSV rows: index,id,cluster,confidence[,label][,p0..pK-1]."},
        footer = {"", "Examples:",
            "  cc4j cluster --model runs/c10 --data cifar10-test:data/cifar --out assignments.csv --evaluate",
            "  cc4j cluster --model runs/c10 --method kmeans --on instance --out km.csv --evaluate",
            "  cc4j cluster --model runs/c10 --method kmeans --saved-centroids --data folder:new --out new.csv"})
final class ClusterCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    ModelOption model;

    @Mixin
    DataOption data;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Output CSV.")
    Path out;

    @Option(names = "--method", defaultValue = "head", description = "head (the cluster head) | kmeans (ablation). Default ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--on", defaultValue = "instance", description = "Features k-means runs on and --features writes: instance (ICH z) | backbone (h). Default ${DEFAULT-VALUE}.")
    String on;

    @Option(names = "--saved-centroids", description = "With --method kmeans: assign by the centroids a previous"
            + " k-means run saved in RUN_DIR instead of fitting k-means on this data.")
    boolean savedCentroids;

    @Option(names = "--restarts", defaultValue = "10", description = "k-means restarts (k-means++ init). Default ${DEFAULT-VALUE}.")
    int restarts;

    @Mixin
    SeedOption seed;

    @Option(names = "--probabilities", description = "Also write the K cluster probabilities per row.")
    boolean probabilities;

    @Option(names = "--features", paramLabel = "FILE", description = "Write features to FILE (.npy or .csv).")
    Path features;

    @Option(names = "--evaluate", description = "Print NMI/ACC/ARI when the data has labels.")
    boolean evaluate;

    @Option(names = {"-b", "--batch-size"}, defaultValue = "0", paramLabel = "N", description = "Images per forward pass (default: the run's batch size).")
    int batchSize;

    @picocli.CommandLine.Mixin
    ThreadsOption engineThreads = new ThreadsOption();

    @Mixin
    MaxPixelsOption maxPixels;

    @Mixin
    ChannelsLastOption layout;

    @Option(names = "--strict", negatable = true, description = "Fail on an unreadable image instead of leaving it "
            + "out of the CSV with a warning (default: the run's setting).")
    Boolean strict;


    @Override
    public Integer call() {
        AssignmentMethod m = AssignmentMethod.of(method);
        FeatureKind kind = FeatureKind.of(on);
        ClusterJob.Builder job = ClusterJob.builder().setModel(model.path()).optData(data.orNull()).setOut(out).optMethod(m)
                .optKMeansOn(kind).optSavedCentroids(savedCentroids).optProbabilities(probabilities).optFeatures(features, kind)
                .optRestarts(restarts).optSeed(seed.seed()).optThreads(engineThreads.threads()).optBatchSize(batchSize);
        if (maxPixels.orNull() != null) {
            job.optMaxPixels(maxPixels.orNull());
        }
        if (strict != null) {
            job.optStrict(strict);
        }
        if (layout.orNull() != null) {
            job.optChannelsLast(layout.orNull());
        }
        ClusterJob.Outcome o;
        try (Progress p = Progress.of("assigning", -1)) {
            o = job.build().run(p::stepTo);
        }
        o.dataset().close();
        PrintWriter console = spec.commandLine().getOut();
        int[] sizes = o.assignments().clusterSizes();
        console.printf("wrote %d assignments to %s (%d clusters, sizes %s)%s%n", o.assignments().size(), out,
                sizes.length, java.util.Arrays.toString(sizes),
                o.unreadable() == 0 ? "" : "; " + o.unreadable() + " unreadable image(s) left out");
        if (evaluate) {
            ClusteringScores s = o.scores();
            if (s == null) {
                console.println("no labels in the data: nothing to evaluate");
            } else {
                console.printf("NMI %.4f  ACC %.4f  ARI %.4f  FMI %.4f  (n = %d)%n", s.nmi(), s.acc(), s.ari(), s.fmi(), s.n());
            }
        }
        return 0;
    }
}
