package io.cc4j.spark.job;

import io.cc4j.InvalidInputException;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.model.FeatureKind;
import io.cc4j.model.ModelSpec;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.spark.ClusterAssignmentTransformer;
import io.cc4j.spark.ModelInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job behind {@code cc4j spark assign}: reads images, assigns them with {@link ClusterAssignmentTransformer},
 * writes one row per image (its key columns, cluster, confidence, error, and optionally probabilities and
 * features), then reads the output back to count rows and errors and, with labels, to score the clustering.
 */
public final class SparkAssignJob {
    private static final Logger LOG = LoggerFactory.getLogger(SparkAssignJob.class);
    private final Builder b;

    private SparkAssignJob(Builder b) {
        this.b = b;
    }

    /** @return a builder; model, data and output are required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What the job did.
     *
     * @param images rows written
     * @param errors rows whose image could not be used
     * @param seconds from reading the input to the output written, Spark's start-up not included
     * @param scores NMI, ACC, ARI, FMI against the labels, or null without labels (or when not asked)
     * @param source what was read
     */
    public record Outcome(long images, long errors, double seconds, ClusteringScores scores, String source) {
        /** @return images per second over the whole job */
        public double imagesPerSecond() {
            return images / seconds;
        }
    }

    /**
     * Runs the job.
     *
     * @param spark the session
     * @return what it did
     */
    public Outcome run(SparkSession spark) {
        return ExecutorClassPathException.explained(spark, () -> runTasks(spark));
    }

    private Outcome runTasks(SparkSession spark) {
        long start = System.nanoTime();
        ModelSpec spec = ModelInfo.spec(b.model, spark.sparkContext().hadoopConfiguration());
        LOG.info("model {}: {} ({} s)", b.model, spec.describe(), since(start));
        ImageSource source = ImageSource.open(spark, b.data, b.decodedBySpark, b.limit, b.partitions, b.imagesPerTask);
        LOG.info("input: {} ({} s)", source.description(), since(start));
        ClusterAssignmentTransformer t = new ClusterAssignmentTransformer().setModelPath(b.model)
                .setInputCol(source.inputCol()).setMethod(b.method).setFeatureKind(b.featureKind.name())
                .setBatchSize(b.batchSize).setWorkers(b.workers).setEngineThreads(b.engineThreads)
                .setChannelsLast(b.channelsLast);
        Map<String, Integer> widths = new HashMap<>();
        if (b.probabilities) {
            t.setProbabilitiesCol("probabilities");
            widths.put("probabilities", spec.clusters());
        }
        if (b.features) {
            t.setFeaturesCol("features");
            widths.put("features", b.featureKind == FeatureKind.INSTANCE ? spec.featureDim() : spec.representationDim());
        }
        Dataset<Row> assigned = t.transform(source.frame());
        List<Column> keep = new ArrayList<>();
        source.keyCols().forEach(c -> keep.add(functions.col(c)));
        for (String c : List.of("cluster", "confidence", "error", "probabilities", "features")) {
            if (List.of(assigned.columns()).contains(c)) {
                keep.add(functions.col(c));
            }
        }
        b.format.write(assigned.select(keep.toArray(Column[]::new)), b.out, widths, b.overwrite,
                List.of(b.model, b.data));
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("assigned and written to {} ({} s)", b.out, since(start));

        Dataset<Row> written = b.format.read(spark, b.out);
        // One pass over the output: rows, errors, and the labels with their clusters when scoring.
        Row counts = written.agg(functions.count(functions.lit(1)), functions.count(functions.col("error"))).first();
        long images = counts.getLong(0);
        long errors = counts.getLong(1);
        ClusteringScores scores = null;
        if (b.evaluate && source.labelled()) {
            List<Row> pairs = written.filter(functions.col("error").isNull())
                    .select(OutputFormat.asInt(written, "label"), OutputFormat.asInt(written, "cluster")).collectAsList();
            int[] truth = pairs.stream().mapToInt(r -> r.getInt(0)).toArray();
            int[] predicted = pairs.stream().mapToInt(r -> r.getInt(1)).toArray();
            scores = ClusteringScores.of(truth, predicted);
        }
        LOG.info("output read back ({} s)", since(start));
        return new Outcome(images, errors, seconds, scores, source.description());
    }

    private static String since(long start) {
        return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9);
    }

    /** Options of {@link SparkAssignJob}. */
    public static final class Builder {
        private String model;
        private String data;
        private String out;
        private OutputFormat format = OutputFormat.PARQUET;
        private boolean probabilities;
        private boolean features;
        private FeatureKind featureKind = FeatureKind.INSTANCE;
        private String method = "head";
        private int batchSize = 256;
        private int workers;
        private int engineThreads;
        private Boolean channelsLast;
        private int limit;
        private int partitions;
        private int imagesPerTask = ImageSource.DEFAULT_IMAGES_PER_TASK;
        private boolean decodedBySpark;
        private boolean overwrite;
        private boolean evaluate;

        private Builder() {
        }

        /** @param model run directory or checkpoint (Hadoop path) @return this builder */
        public Builder setModel(String model) {
            this.model = model;
            return this;
        }

        /** @param data a dataset spec, {@code folder:DIR}, or an image directory's path or URI @return this builder */
        public Builder setData(String data) {
            this.data = data;
            return this;
        }

        /** @param out the output directory (Hadoop path) @return this builder */
        public Builder setOut(String out) {
            this.out = out;
            return this;
        }

        /** @param format parquet (default) or csv @return this builder */
        public Builder optFormat(OutputFormat format) {
            this.format = Objects.requireNonNull(format);
            return this;
        }

        /** @param probabilities whether to write the K probabilities @return this builder */
        public Builder optProbabilities(boolean probabilities) {
            this.probabilities = probabilities;
            return this;
        }

        /**
         * @param features whether to write features
         * @param kind which ones (also the space of saved centroids for method kmeans)
         * @return this builder
         */
        public Builder optFeatures(boolean features, FeatureKind kind) {
            this.features = features;
            this.featureKind = Objects.requireNonNull(kind);
            return this;
        }

        /** @param method head (default) or kmeans (the run's saved centroids) @return this builder */
        public Builder optMethod(String method) {
            this.method = method;
            return this;
        }

        /** @param batchSize images per forward pass (default 256) @return this builder */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** @param workers resizing threads per executor (0: the executor's cores) @return this builder */
        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        /** @param threads libtorch threads per executor (0: the executor's cores) @return this builder */
        public Builder optEngineThreads(int threads) {
            this.engineThreads = threads;
            return this;
        }

        /**
         * @param on the backbone's memory layout: true channels-last, false channels-first, null (the default) the
         *     model's
         * @return this builder
         */
        public Builder optChannelsLast(Boolean on) {
            this.channelsLast = on;
            return this;
        }

        /** @param limit for dataset specs, the first this many images (0: all) @return this builder */
        public Builder optLimit(int limit) {
            this.limit = limit;
            return this;
        }

        /** @param partitions partitions of the input, that is tasks (0: from the images per task) @return this builder */
        public Builder optPartitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** @param bySpark read files with Spark's image source instead of cc4j's decoder @return this builder */
        public Builder optDecodedBySpark(boolean bySpark) {
            this.decodedBySpark = bySpark;
            return this;
        }

        /** @param overwrite replace an existing output directory @return this builder */
        public Builder optOverwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /** @param evaluate score against the labels, when the data has them @return this builder */
        public Builder optEvaluate(boolean evaluate) {
            this.evaluate = evaluate;
            return this;
        }

        /**
         * @param imagesPerTask without a partition count: about this many images per task (default
         *     {@value ImageSource#DEFAULT_IMAGES_PER_TASK}), so that the tasks follow the data
         * @return this builder
         */
        public Builder optImagesPerTask(int imagesPerTask) {
            this.imagesPerTask = imagesPerTask;
            return this;
        }

        /** @return the job */
        public SparkAssignJob build() {
            if (model == null || data == null || out == null) {
                throw new InvalidInputException("spark assign needs a model, data and an output directory");
            }
            if (limit < 0 || partitions < 0) {
                throw new InvalidInputException("limit and partitions must not be negative");
            }
            if (imagesPerTask < 1) {
                throw InvalidSettingException.naming("imagesPerTask", n -> n + " must be positive, got " + imagesPerTask);
            }
            return new SparkAssignJob(this);
        }
    }
}
