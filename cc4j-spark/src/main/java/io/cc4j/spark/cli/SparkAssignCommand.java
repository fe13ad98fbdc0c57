package io.cc4j.spark.cli;

import io.cc4j.cli.common.ChannelsLastOption;
import io.cc4j.cli.common.CommandLines;
import io.cc4j.cli.common.DataOption;
import io.cc4j.cli.common.ModelOption;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.model.FeatureKind;
import io.cc4j.spark.job.ImageSource;
import io.cc4j.spark.job.OutputFormat;
import io.cc4j.spark.job.SparkAssignJob;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cc4j spark assign}: assigns images to clusters with a trained model, on Spark. */
@Command(name = "assign", mixinStandardHelpOptions = true,
        exitCodeList = {"1:internal failure; in cluster deploy mode, any failure of the driver (Spark reports no code)",
            "2:bad input or usage (the message names the file or value), also executors that cannot load cc4j's"
                    + " classes (the message names spark.jars and the jar)"}, sortOptions = false,
        description = {"Assigns images to clusters with a trained model on Spark.",
            "One output row per image with its cluster, confidence and error (null when fine), and optionally the K"
                    + " probabilities and the features. The model loads once per executor; a bad image gets an error,"
                    + " not a failed job.",
            "--model may be a run directory or a .ckpt file, local or hdfs://, s3a://, .... --data is a dataset spec"
                    + " (fashion-mnist[:DIR], cifar10:DIR, idx:IMAGES[,LABELS], ..., opened by the driver and each"
                    + " executor at the same path), or folder:DIR or an image directory's path or URI (read by the"
                    + " executors: the way that scales).",
            "On a cluster (--master spark://HOST:PORT, yarn, k8s://...) the executors get this program's jar"
                    + " (spark.jars) and Spark's Java 17 options by themselves; --deploy-mode cluster runs the driver"
                    + " on the cluster too."},
        footer = {"", "Examples:",
            "  cc4j spark assign --master local[2] --model runs/demo --data fashion-mnist --out fm-assign",
            "  cc4j spark assign --model hdfs:///runs/c10 --data hdfs:///images --out hdfs:///assign --format csv",
            "  cc4j spark assign --master spark://head:7077 --model /shared/runs/demo --data /shared/images"
                    + " --out /shared/assign"})
final class SparkAssignCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    SparkRuntime runtime;

    @Mixin
    ModelOption model;

    @Mixin
    ChannelsLastOption layout;

    @Mixin(name = CommandLines.REQUIRED + "data")
    DataOption data;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output directory (Spark's part files).")
    String out;

    @Option(names = "--format", defaultValue = "parquet", description = "parquet | csv. Default ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--probabilities", description = "Also write the K cluster probabilities (CSV: p0..pK-1).")
    boolean probabilities;

    @Option(names = "--features", description = "Also write the features (CSV: f0..fD-1).")
    boolean features;

    @Option(names = "--on", defaultValue = "instance", description = "Features: instance (ICH z) | backbone (h). Default ${DEFAULT-VALUE}.")
    String on;

    @Option(names = "--method", defaultValue = "head", description = "head (the cluster head) | kmeans (the centroids"
            + " saved in RUN_DIR by cc4j cluster --method kmeans). Default ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--spark-decoder", description = "Read image files with Spark's image source (ImageIO, BGR rows)"
            + " instead of cc4j's PIL-exact decoder.")
    boolean sparkDecoder;

    @Option(names = {"-b", "--batch-size"}, defaultValue = "256", paramLabel = "N", description = "Images per forward pass. Default ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N", description = "Input partitions, that is tasks"
            + " (0: from --images-per-task).")
    int partitions;

    @Option(names = "--images-per-task", defaultValue = "" + ImageSource.DEFAULT_IMAGES_PER_TASK, paramLabel = "N",
            description = "Without --partitions: about N images per task, whatever the executors. Default"
                    + " ${DEFAULT-VALUE}.")
    int imagesPerTask;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Dataset specs: the first N images only.")
    int limit;

    @Option(names = "--overwrite", description = "Replace an existing output directory.")
    boolean overwrite;

    @Option(names = "--evaluate", description = "Print NMI/ACC/ARI/FMI when the data has labels.")
    boolean evaluate;

    @Override
    public Integer call() {
        int threads = runtime.threadsPerExecutor();
        if (runtime.submitsItself()) {
            return ClusterSubmission.run(runtime, "cc4j spark assign",
                    spec.root().commandLine().getParseResult().originalArgs(), spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        SparkAssignJob job = SparkAssignJob.builder().setModel(model.value()).setData(data.single()).setOut(out)
                .optFormat(OutputFormat.of(format)).optProbabilities(probabilities)
                .optFeatures(features, FeatureKind.of(on)).optMethod(method.toLowerCase(Locale.ROOT))
                .optDecodedBySpark(sparkDecoder).optBatchSize(batchSize).optPartitions(partitions).optImagesPerTask(imagesPerTask).optLimit(limit)
                .optWorkers(threads).optEngineThreads(threads).optChannelsLast(layout.orNull()).optOverwrite(overwrite).optEvaluate(evaluate).build();
        PrintWriter o = spec.commandLine().getOut();
        try (SparkRuntime.Session s = runtime.open("cc4j spark assign")) {
            SparkAssignJob.Outcome r = job.run(s.spark());
            o.printf(Locale.ROOT, "assigned %s -> %s (%s)%n", r.source(), out, format);
            o.printf(Locale.ROOT, "%d rows, %d errors; %.1f s, %.0f images/s (master %s, Spark started in %.1f s)%n",
                    r.images(), r.errors(), r.seconds(), r.imagesPerSecond(), s.spark().sparkContext().master(),
                    s.startSeconds());
            ClusteringScores sc = r.scores();
            if (sc != null) {
                o.printf(Locale.ROOT, "NMI %.4f  ACC %.4f  ARI %.4f  FMI %.4f  (%d images)%n", sc.nmi(), sc.acc(),
                        sc.ari(), sc.fmi(), sc.n());
            }
        }
        o.flush();
        return 0;
    }
}
