package io.cc4j.pipeline;

import io.cc4j.InvalidInputException;
import io.cc4j.cluster.KMeansAblation;
import io.cc4j.data.DatasetFingerprint;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageDecoder;
import io.cc4j.engine.EngineSupport;
import io.cc4j.inference.AssignmentMethod;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.AssignmentsCsv;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.inference.FeatureFiles;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.model.FeatureKind;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.run.RunLayout;
import io.cc4j.train.DataLimits;
import io.cc4j.train.Optimisation;
import io.cc4j.train.RunPolicy;
import io.cc4j.train.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Clusters a dataset with a trained model: writes one CSV row per image, optionally the probabilities and
 * the features, and scores the result when the dataset has labels. This is what {@code cc4j cluster} runs.
 *
 * <p>Images are read with a pixel limit (a decompression bomb is refused from its header). An image that cannot be
 * read is left out with a warning (no row in the CSV) unless strict, where it is an error. Both default to the
 * run's own settings ({@code max_pixels}, {@code strict} in its configuration).
 */
public final class ClusterJob {
    private final Path runDir;
    private final List<String> data;
    private final Path out;
    private final AssignmentMethod method;
    private final FeatureKind kmeansOn;
    private final boolean probabilities;
    private final Path featuresFile;
    private final FeatureKind featureKind;
    private final int restarts;
    private final long seed;
    private final int threads;
    private final int batchSize;
    private final boolean keepFeatures;
    private final boolean savedCentroids;
    private final Boolean strict;
    private final Long maxPixels;
    private final Boolean channelsLast;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterJob.class);

    private ClusterJob(Builder b) {
        this.runDir = b.runDir;
        this.data = b.data;
        this.out = b.out;
        this.method = b.method;
        this.kmeansOn = b.kmeansOn;
        this.probabilities = b.probabilities;
        this.featuresFile = b.featuresFile;
        this.featureKind = b.featureKind;
        this.restarts = b.restarts;
        this.seed = b.seed;
        this.threads = b.threads;
        this.batchSize = b.batchSize;
        this.keepFeatures = b.keepFeatures;
        this.savedCentroids = b.savedCentroids;
        this.strict = b.strict;
        this.maxPixels = b.maxPixels;
        this.channelsLast = b.channelsLast;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Result of a clustering job.
     *
     * @param assignments the assignments written (unreadable images left out)
     * @param scores NMI, ACC, ARI, FMI when the data has labels, else null
     * @param csv the file written
     * @param dataset the data assigned, still open (close it when done)
     * @param unreadable images left out because they could not be read
     */
    public record Outcome(Assignments assignments, ClusteringScores scores, Path csv, ImageDataset dataset,
            int unreadable) {
    }

    /**
     * Runs the job.
     *
     * @param progress receives images done, or null
     * @return the assignments and, with labels, the scores
     */
    public Outcome run(IntConsumer progress) {
        Path newest = RunLayout.of(runDir).newestCheckpoint();
        Checkpoint.Header header = Checkpoint.open(newest).header();
        TrainConfig config = TrainConfig.fromJson(header.configJson(), newest.toString());
        // The run's own thread setting unless the caller chooses (a one-thread run stays one-thread).
        EngineSupport.configure(EngineSupport.orAllCores(threads > 0 ? threads : config.get(RunPolicy.THREADS)));
        boolean useCentroids = method == AssignmentMethod.KMEANS && savedCentroids;
        ClusterPredictor.Builder builder = ClusterPredictor.builder().setCheckpoint(newest)
                .optBatchSize(batchSize > 0 ? batchSize : config.get(Optimisation.BATCH_SIZE))
                .optWorkers(EngineSupport.orAllCores(config.get(DataLimits.WORKERS)));
        if (useCentroids) {
            builder.optMethod(AssignmentMethod.KMEANS).optCentroidFeature(kmeansOn);
        }
        if (channelsLast != null) {
            builder.optChannelsLast(channelsLast);
        }
        try (ClusterPredictor predictor = builder.build()) {
            List<String> specs = data.isEmpty() ? config.get(DataLimits.DATA) : data;
            if (specs.isEmpty()) {
                throw InvalidSettingException.naming("data", name -> "the run " + runDir
                        + " names no dataset to cluster; give " + name);
            }
            boolean strictNow = strict != null ? strict : config.get(DataLimits.STRICT);
            long pixels = maxPixels != null ? maxPixels : config.get(DataLimits.MAX_PIXELS);
            ImageDataset dataset = DatasetSpec.openAll(specs, strictNow,
                    ImageDecoder.builder().optMaxPixels(pixels).build());
            try {
                return run(predictor, header, specs, dataset, strictNow, useCentroids, progress);
            } catch (RuntimeException e) {
                dataset.close();
                throw e;
            }
        }
    }

    private Outcome run(ClusterPredictor predictor, Checkpoint.Header header, List<String> specs,
            ImageDataset dataset, boolean strictNow, boolean useCentroids, IntConsumer progress) {
        if (data.isEmpty()) {
            warnIfNotTrainingData(header, dataset, specs);
        }
        // Features cost memory (n x dim floats): computed only when something uses them.
        FeatureKind needed = method == AssignmentMethod.KMEANS && !useCentroids ? kmeansOn
                : featuresFile != null || keepFeatures ? featureKind : null;
        int[] all = new int[dataset.size()];
        java.util.Arrays.setAll(all, i -> i);
        int[] unreadable = new int[1];
        Assignments a = strictNow ? predictor.predict(dataset, all, probabilities, needed, progress)
                : predictor.predict(dataset, all, probabilities, needed, progress, u -> {
                    unreadable[0]++;
                    LOG.warn("skipping an unreadable image: {} (strict makes this an error)", u.reason());
                });
        if (a.size() == 0) {
            throw new InvalidInputException("no readable image in " + String.join(" + ", specs));
        }
        if (method == AssignmentMethod.KMEANS && !useCentroids) {
            KMeansAblation.Fitted fitted = KMeansAblation.fit(a, kmeansOn, predictor.clusters(), restarts, seed);
            fitted.centroids().write(RunLayout.of(runDir));
            a = fitted.assignments();
        }
        if (featuresFile != null) {
            FeatureFiles.write(featuresFile, a);
        }
        AssignmentsCsv.write(out, a, dataset);
        ClusteringScores scores = dataset.hasLabels() ? ClusteringScores.of(labels(dataset, a), a.clusters()) : null;
        if (unreadable[0] > 0) {
            LOG.warn("{} unreadable image(s) left out of {}", unreadable[0], out);
        }
        return new Outcome(a, scores, out, dataset, unreadable[0]);
    }

    /**
     * The run's own data, reopened from its specs, should be what it trained on; a file replaced since gives
     * other clusters than training reported. Only the user's own --data is taken as meant.
     */
    private static void warnIfNotTrainingData(Checkpoint.Header header, ImageDataset dataset, List<String> specs) {
        if (header.provenance() == null || header.provenance().data().isEmpty()) {
            return;
        }
        DatasetFingerprint trained = header.provenance().data().get(0);
        DatasetFingerprint now = DatasetFingerprint.of(dataset, String.join("+", specs));
        if (!trained.sameData(now)) {
            LOG.warn("the data at {} differs from what the model trained on: {} images (fingerprint {}) now, {} ({})"
                    + " then", now.spec(), now.count(), now.hash(), trained.count(), trained.hash());
        }
    }

    static int[] labels(ImageDataset d, Assignments a) {
        int[] t = new int[a.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = d.label(a.indices()[i]);
        }
        return t;
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private Path runDir;
        private List<String> data = List.of();
        private Path out;
        private AssignmentMethod method = AssignmentMethod.CLUSTER_HEAD;
        private FeatureKind kmeansOn = FeatureKind.INSTANCE;
        private boolean probabilities;
        private Path featuresFile;
        private FeatureKind featureKind = FeatureKind.INSTANCE;
        private int restarts = 10;
        private long seed = 42;
        private int threads;
        private int batchSize;
        private boolean keepFeatures;
        private boolean savedCentroids;
        private Boolean channelsLast;
        private Boolean strict;
        private Long maxPixels;

        private Builder() {
        }

        /**
         * @param v fail on an unreadable image instead of leaving it out with a warning (default: the run's setting)
         * @return this
         */
        public Builder optStrict(boolean v) { strict = v; return this; }
        /**
         * @param v run the backbone on channels-last (true) or channels-first (false) data (default: the model's
         *     default, channels-last where it was measured faster)
         * @return this builder
         */
        public Builder optChannelsLast(boolean v) { channelsLast = v; return this; }

        /**
         * @param v the largest width x height of an image read from a folder (default: the run's setting)
         * @return this
         */
        public Builder optMaxPixels(long v) {
            if (v < 1) {
                throw InvalidSettingException.naming("maxPixels", name -> name + " must be at least 1, got " + v);
            }
            maxPixels = v;
            return this;
        }

        /** @param v trained run directory @return this */
        public Builder setModel(Path v) { runDir = v; return this; }
        /** @param v dataset specs (default: the training data) @return this */
        public Builder optData(List<String> v) { data = v == null ? List.of() : v; return this; }
        /** @param v output CSV @return this */
        public Builder setOut(Path v) { out = v; return this; }
        /** @param v head or k-means @return this */
        public Builder optMethod(AssignmentMethod v) { method = v; return this; }
        /** @param v features k-means runs on @return this */
        public Builder optKMeansOn(FeatureKind v) { kmeansOn = v; return this; }
        /** @param v keep the K probabilities @return this */
        public Builder optProbabilities(boolean v) { probabilities = v; return this; }
        /** @param file .npy or .csv features file @param kind which features @return this */
        public Builder optFeatures(Path file, FeatureKind kind) { featuresFile = file; featureKind = kind; return this; }
        /** @param v k-means restarts @return this */
        public Builder optRestarts(int v) { restarts = v; return this; }
        /** @param v k-means seed @return this */
        public Builder optSeed(long v) { seed = v; return this; }
        /** @param v engine threads @return this */
        public Builder optThreads(int v) { threads = v; return this; }
        /** @param kind features to keep in the outcome without writing a file @return this */
        public Builder optKeepFeatures(FeatureKind kind) { featureKind = kind; keepFeatures = true; return this; }
        /**
         * @param v with k-means, assign by the centroids a previous k-means run saved in the run directory instead
         *     of fitting k-means on this data
         * @return this
         */
        public Builder optSavedCentroids(boolean v) { savedCentroids = v; return this; }
        /** @param v images per forward pass (0: the run's batch size) @return this */
        public Builder optBatchSize(int v) { batchSize = v; return this; }

        /** @return the job */
        public ClusterJob build() {
            if (runDir == null) {
                throw InvalidSettingException.naming("model", name -> name + " (the trained run directory) must be"
                        + " given");
            }
            if (out == null) {
                throw InvalidSettingException.naming("out", name -> name + " (the output CSV file) must be given");
            }
            if (restarts < 1) {
                throw InvalidSettingException.naming("restarts", name -> name + " must be at least 1, got " + restarts);
            }
            if (batchSize < 0) {
                throw InvalidSettingException.naming("batchSize", name -> name + " must be at least 1, got "
                        + batchSize);
            }
            if (method == AssignmentMethod.KMEANS && featuresFile != null && featureKind != kmeansOn) {
                throw InvalidSettingException.naming(List.of("features", "kmeansOn"), n -> "the kind of " + n.get(0)
                        + " must match " + n.get(1) + " (" + kmeansOn + ") with k-means");
            }
            return new ClusterJob(this);
        }
    }
}
