package io.cc4j.spark.job;

import io.cc4j.InvalidInputException;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.model.FeatureKind;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.spark.ClusterAssignmentTransformer;
import io.cc4j.spark.kmeans.FeatureKMeans;
import io.cc4j.spark.kmeans.KSweep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The job behind {@code cc4j spark kmeans}: the paper's "k-means instead of the cluster head" ablation on Spark.
 * Features come either from a previous {@code spark assign --features} output (Parquet) or from a model run on
 * the data now; MLlib's k-means|| clusters them, for one K or a sweep scored by the cosine silhouette.
 */
public final class SparkKMeansJob {
    private final Builder b;

    private SparkKMeansJob(Builder b) {
        this.b = b;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What the job found.
     *
     * @param points one per K tried, in the order given
     * @param chosen the K whose clusters were written (the one asked for, else the best silhouette)
     * @param images images clustered (those with features)
     * @param seconds the clustering's time, features included when computed here
     * @param scores the chosen K's NMI/ACC/ARI/FMI against the labels, or null
     */
    public record Outcome(List<KSweep.Point> points, KSweep.Point chosen, long images, double seconds,
            ClusteringScores scores) {
    }

    /**
     * Runs the job.
     *
     * @param spark the session
     * @return what it found
     */
    public Outcome run(SparkSession spark) {
        return ExecutorClassPathException.explained(spark, () -> runTasks(spark));
    }

    private Outcome runTasks(SparkSession spark) {
        long start = System.nanoTime();
        Dataset<Row> frame;
        List<String> keys;
        if (b.input != null) {
            frame = spark.read().parquet(b.input);
            keys = Arrays.stream(frame.columns()).filter(c -> List.of("index", "id", "label", "path").contains(c)).toList();
        } else {
            ImageSource source = ImageSource.open(spark, b.data, false, b.limit, b.partitions, b.imagesPerTask);
            frame = new ClusterAssignmentTransformer().setModelPath(b.model).setInputCol(source.inputCol())
                    .setFeaturesCol("features").setFeatureKind(b.featureKind.name()).setBatchSize(b.batchSize)
                    .setWorkers(b.workers).setEngineThreads(b.engineThreads).setChannelsLast(b.channelsLast)
                    .transform(source.frame());
            keys = source.keyCols();
        }
        List<Column> cols = new ArrayList<>();
        keys.forEach(k -> cols.add(functions.col(k)));
        cols.add(functions.col("features"));
        Dataset<Row> vectors = FeatureKMeans.vectors(frame.select(cols.toArray(Column[]::new)), "features");
        try {
            long images = vectors.count();
            if (images < 2) {
                throw new InvalidInputException("k-means needs images with features; found " + images);
            }
            FeatureKMeans.Builder options = FeatureKMeans.builder().optRestarts(b.restarts).optSeed(b.seed)
                    .optMaxIterations(b.maxIterations);
            List<KSweep.Point> points = KSweep.run(vectors, b.ks, options);
            KSweep.Point chosen = b.k > 0 ? points.stream().filter(p -> p.k() == b.k).findFirst().orElseThrow()
                    : points.stream().max(Comparator.comparingDouble(KSweep.Point::silhouette)).orElseThrow();
            Dataset<Row> assigned = chosen.fitted().assign(vectors);
            List<Column> outCols = new ArrayList<>();
            keys.forEach(k -> outCols.add(functions.col(k)));
            outCols.add(functions.col("kmeans_cluster").as("cluster"));
            Dataset<Row> out = assigned.select(outCols.toArray(Column[]::new));
            if (b.out != null) {
                b.format.write(out, b.out, Map.of(), b.overwrite, java.util.Arrays.asList(b.input, b.model, b.data));
            }
            ClusteringScores scores = null;
            if (keys.contains("label")) {
                List<Row> pairs = out.select(functions.col("label").cast("int"), functions.col("cluster"))
                        .filter(functions.col("label").isNotNull()).collectAsList();
                if (!pairs.isEmpty()) {
                    scores = ClusteringScores.of(pairs.stream().mapToInt(r -> r.getInt(0)).toArray(),
                            pairs.stream().mapToInt(r -> r.getInt(1)).toArray());
                }
            }
            return new Outcome(points, chosen, images, (System.nanoTime() - start) / 1e9, scores);
        } finally {
            vectors.unpersist();
        }
    }

    /** Options of {@link SparkKMeansJob}. */
    public static final class Builder {
        private String input;
        private String model;
        private String data;
        private int k;
        private int[] ks;
        private int restarts = 3;
        private long seed = 42;
        private int maxIterations = 100;
        private FeatureKind featureKind = FeatureKind.INSTANCE;
        private int batchSize = 256;
        private int workers;
        private int engineThreads;
        private Boolean channelsLast;
        private int limit;
        private int partitions;
        private int imagesPerTask = ImageSource.DEFAULT_IMAGES_PER_TASK;
        private String out;
        private OutputFormat format = OutputFormat.PARQUET;
        private boolean overwrite;

        private Builder() {
        }

        /** @param dir a {@code spark assign --features} output in Parquet @return this builder */
        public Builder optInput(String dir) {
            this.input = dir;
            return this;
        }

        /**
         * @param model run directory or checkpoint whose features to compute
         * @param data the images (as {@link ImageSource#open} reads them)
         * @return this builder
         */
        public Builder optModelAndData(String model, String data) {
            this.model = model;
            this.data = data;
            return this;
        }

        /**
         * @param k the K whose clusters to write (0: the best silhouette of the sweep)
         * @param sweep the values of K to try (empty: only {@code k})
         * @return this builder
         */
        public Builder setK(int k, int[] sweep) {
            this.k = k;
            this.ks = sweep;
            return this;
        }

        /** @param restarts k-means fits per K, the lowest cost kept (default 3) @return this builder */
        public Builder optRestarts(int restarts) {
            this.restarts = restarts;
            return this;
        }

        /** @param seed the first fit's seed (default 42) @return this builder */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param maxIterations Lloyd's iterations at most (default 100) @return this builder */
        public Builder optMaxIterations(int maxIterations) {
            this.maxIterations = maxIterations;
            return this;
        }

        /** @param kind instance (default) or backbone features, when computed here @return this builder */
        public Builder optFeatureKind(FeatureKind kind) {
            this.featureKind = kind;
            return this;
        }

        /**
         * @param batchSize images per forward pass
         * @param workers resizing threads per executor (0: the executor's cores)
         * @param engineThreads libtorch threads per executor (0: the executor's cores)
         * @return this builder
         */
        public Builder optPrediction(int batchSize, int workers, int engineThreads) {
            this.batchSize = batchSize;
            this.workers = workers;
            this.engineThreads = engineThreads;
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

        /**
         * @param limit for dataset specs, the first this many images (0: all)
         * @param partitions input partitions, that is tasks (0: from the images per task)
         * @return this builder
         */
        public Builder optSubset(int limit, int partitions) {
            this.limit = limit;
            this.partitions = partitions;
            return this;
        }

        /**
         * @param out where to write each image's cluster (null: nowhere)
         * @param format parquet or csv
         * @param overwrite replace an existing directory
         * @return this builder
         */
        public Builder optOut(String out, OutputFormat format, boolean overwrite) {
            this.out = out;
            this.format = format;
            this.overwrite = overwrite;
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
        public SparkKMeansJob build() {
            if ((input == null) == (model == null || data == null)) {
                throw InvalidSettingException.naming(List.of("input", "model", "data"), n -> "give either " + n.get(0)
                        + " (an assignment output with features) or " + n.get(1) + " and " + n.get(2));
            }
            if (ks == null || ks.length == 0) {
                if (k < 2) {
                    throw InvalidSettingException.naming(List.of("k", "sweep"), n -> "give " + n.get(0) + " or "
                            + n.get(1));
                }
                ks = new int[] {k};
            } else if (k > 0 && Arrays.stream(ks).noneMatch(x -> x == k)) {
                ks = Arrays.copyOf(ks, ks.length + 1);
                ks[ks.length - 1] = k;
            }
            return new SparkKMeansJob(this);
        }
    }
}
