package io.cc4j.spark.cli;

import io.cc4j.cli.common.ChannelsLastOption;
import io.cc4j.cli.common.CommandLines;
import io.cc4j.cli.common.DataOption;
import io.cc4j.cli.common.ModelOption;
import io.cc4j.cli.common.SeedOption;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.model.FeatureKind;
import io.cc4j.spark.job.ImageSource;
import io.cc4j.spark.job.OutputFormat;
import io.cc4j.spark.job.SparkKMeansJob;
import io.cc4j.spark.kmeans.KSweep;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cc4j spark kmeans}: the k-means ablation with Spark MLlib, with a K sweep. */
@Command(name = "kmeans", mixinStandardHelpOptions = true,
        exitCodeList = {"1:internal failure; in cluster deploy mode, any failure of the driver (Spark reports no code)",
            "2:bad input or usage (the message names the file or value), also executors that cannot load cc4j's"
                    + " classes (the message names spark.jars and the jar)"}, sortOptions = false,
        description = {"The paper's ablation \"k-means instead of the cluster head\" on Spark.",
            "MLlib's k-means (k-means|| initialisation, best of --restarts) on instance (or backbone) features, either"
                    + " from a spark assign --features output (--input) or computed now with --model and --data."
                    + " --sweep scores several K by the cosine silhouette (Spark's ClusteringEvaluator)."},
        footer = {"", "Examples:",
            "  cc4j spark assign --model runs/demo --data fashion-mnist --features --out fm-features",
            "  cc4j spark kmeans --input fm-features --k 10 --sweep 5,10,15,20 --out fm-kmeans",
            "  cc4j spark kmeans --master local[2] --model runs/demo --data fashion-mnist --k 10"})
final class SparkKMeansCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    SparkRuntime runtime;

    @Option(names = "--input", paramLabel = "DIR", description = "A spark assign output (Parquet) with features.")
    String input;

    @Mixin(name = CommandLines.OPTIONAL + "model")
    ModelOption model;

    @Mixin
    DataOption data;

    @Option(names = "--on", defaultValue = "instance", description = "With --model: instance | backbone features. Default ${DEFAULT-VALUE}.")
    String on;

    @Option(names = {"-k", "--k"}, defaultValue = "0", paramLabel = "K", description = "Clusters of the result written (0: the sweep's best silhouette).")
    int k;

    @Option(names = "--sweep", split = ",", paramLabel = "K1,K2,...", description = "Values of K to fit and score.")
    int[] sweep;

    @Option(names = "--restarts", defaultValue = "3", description = "Fits per K with successive seeds; the lowest cost wins. Default ${DEFAULT-VALUE}.")
    int restarts;

    @Mixin
    SeedOption seed;

    @Mixin
    ChannelsLastOption layout;

    @Option(names = "--max-iter", defaultValue = "100", description = "Lloyd's iterations at most. Default ${DEFAULT-VALUE}.")
    int maxIter;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Where to write each image's k-means cluster.")
    String out;

    @Option(names = "--format", defaultValue = "parquet", description = "parquet | csv. Default ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--overwrite", description = "Replace an existing output directory.")
    boolean overwrite;

    @Option(names = {"-b", "--batch-size"}, defaultValue = "256", paramLabel = "N", description = "With --model: images per forward pass.")
    int batchSize;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "With a dataset spec: the first N images only.")
    int limit;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N", description = "With --model: input"
            + " partitions, that is tasks (0: from --images-per-task).")
    int partitions;

    @Option(names = "--images-per-task", defaultValue = "" + ImageSource.DEFAULT_IMAGES_PER_TASK, paramLabel = "N",
            description = "With --model, without --partitions: about N images per task. Default ${DEFAULT-VALUE}.")
    int imagesPerTask;

    @Override
    public Integer call() {
        int threads = runtime.threadsPerExecutor();
        if (runtime.submitsItself()) {
            return ClusterSubmission.run(runtime, "cc4j spark kmeans",
                    spec.root().commandLine().getParseResult().originalArgs(), spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        SparkKMeansJob.Builder b = SparkKMeansJob.builder().setK(k, sweep).optRestarts(restarts).optSeed(seed.seed())
                .optMaxIterations(maxIter).optFeatureKind(FeatureKind.of(on)).optPrediction(batchSize, threads, threads).optChannelsLast(layout.orNull())
                .optSubset(limit, partitions).optImagesPerTask(imagesPerTask).optOut(out, OutputFormat.of(format), overwrite);
        if (input != null) {
            b.optInput(input);
        }
        if (model.value() != null || data.single() != null) {
            b.optModelAndData(model.value(), data.single());
        }
        SparkKMeansJob job = b.build();
        PrintWriter o = spec.commandLine().getOut();
        try (SparkRuntime.Session s = runtime.open("cc4j spark kmeans")) {
            SparkKMeansJob.Outcome r = job.run(s.spark());
            o.printf(Locale.ROOT, "%-5s %14s %12s%n", "K", "cost", "silhouette");
            for (KSweep.Point p : r.points()) {
                o.printf(Locale.ROOT, "%-5d %14.4f %12.4f%s%n", p.k(), p.cost(), p.silhouette(),
                        p == r.chosen() ? "  <- written" : "");
            }
            o.printf(Locale.ROOT, "%d images; %.1f s (master %s, Spark started in %.1f s)%n", r.images(), r.seconds(),
                    s.spark().sparkContext().master(), s.startSeconds());
            ClusteringScores sc = r.scores();
            if (sc != null) {
                o.printf(Locale.ROOT, "K = %d: NMI %.4f  ACC %.4f  ARI %.4f  FMI %.4f%n", r.chosen().k(), sc.nmi(),
                        sc.acc(), sc.ari(), sc.fmi());
            }
        }
        o.flush();
        return 0;
    }
}
