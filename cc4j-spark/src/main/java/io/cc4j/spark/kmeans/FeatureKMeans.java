package io.cc4j.spark.kmeans;

import io.cc4j.InvalidInputException;
import java.util.Objects;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The paper's ablation "k-means instead of the cluster head" at Spark's scale: Spark MLlib's {@link KMeans}
 * (k-means|| initialisation, Lloyd's iterations distributed over the executors) on an {@code array<float>}
 * column of image features, such as {@link io.cc4j.spark.ClusterAssignmentTransformer}'s {@code features}.
 *
 * <p>MLlib runs one initialisation per fit; {@link Builder#optRestarts(int)} fits with seeds {@code seed,
 * seed + 1, ...} and keeps the lowest within-cluster sum of squares, as cc4j's own k-means keeps its best restart.
 * Distances are Euclidean, like cc4j's; the instance head's features are unit vectors, so this is also the
 * spherical k-means of the cosine.
 */
public final class FeatureKMeans {
    /** The name of the vector column the fit adds to its input. */
    public static final String VECTOR_COL = "cc4j_feature_vector";

    private final int k;
    private final int restarts;
    private final long seed;
    private final int maxIterations;
    private final double tolerance;
    private final String featuresCol;
    private final String predictionCol;

    private FeatureKMeans(Builder b) {
        this.k = b.k;
        this.restarts = b.restarts;
        this.seed = b.seed;
        this.maxIterations = b.maxIterations;
        this.tolerance = b.tolerance;
        this.featuresCol = b.featuresCol;
        this.predictionCol = b.predictionCol;
    }

    /** @return a builder; {@link Builder#setK(int)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The rows of a frame that have features, with the features as an ML vector column ({@link #VECTOR_COL}),
     * persisted: k-means passes over them once per iteration, and a sweep fits several times.
     *
     * @param frame rows with an {@code array<float>} features column; rows whose features are null are left out
     * @param featuresCol the column
     * @return the persisted rows; unpersist them when done
     */
    public static Dataset<Row> vectors(Dataset<Row> frame, String featuresCol) {
        if (!java.util.Arrays.asList(frame.columns()).contains(featuresCol)) {
            throw new InvalidInputException("no features column '" + featuresCol + "' in " + frame.schema().simpleString()
                    + " (the assignment job writes one when asked for the features)");
        }
        return frame.filter(frame.col(featuresCol).isNotNull())
                .withColumn(VECTOR_COL, functions.array_to_vector(frame.col(featuresCol)))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * Fits k-means to the vectors of {@link #vectors}, keeping the best of the restarts.
     *
     * @param vectors the output of {@link #vectors}
     * @return the model of lowest cost
     */
    public Fitted fit(Dataset<Row> vectors) {
        Fitted best = null;
        for (int r = 0; r < restarts; r++) {
            KMeansModel model = new KMeans().setK(k).setSeed(seed + r).setMaxIter(maxIterations).setTol(tolerance)
                    .setInitMode("k-means||").setFeaturesCol(VECTOR_COL).setPredictionCol(predictionCol)
                    .fit(vectors);
            double cost = model.summary().trainingCost();
            if (best == null || cost < best.cost()) {
                best = new Fitted(model, cost, seed + r, model.summary().numIter());
            }
        }
        return best;
    }

    /** @return the features column the fit reads */
    public String featuresCol() {
        return featuresCol;
    }

    /** @return the column the fitted model's {@code transform} adds */
    public String predictionCol() {
        return predictionCol;
    }

    /**
     * A fitted k-means.
     *
     * @param model MLlib's model; {@code model.transform(vectors)} adds the cluster column
     * @param cost the within-cluster sum of squared distances
     * @param seed the seed of the winning restart
     * @param iterations Lloyd's iterations it ran
     */
    public record Fitted(KMeansModel model, double cost, long seed, int iterations) {
        /**
         * @param vectors rows of {@link FeatureKMeans#vectors}
         * @return them with the cluster column added
         */
        public Dataset<Row> assign(Dataset<Row> vectors) {
            return model.transform(vectors);
        }
    }

    /** Options of {@link FeatureKMeans}. */
    public static final class Builder {
        private int k = -1;
        private int restarts = 1;
        private long seed = 42;
        private int maxIterations = 100;
        private double tolerance = 1e-4;
        private String featuresCol = "features";
        private String predictionCol = "kmeans_cluster";

        private Builder() {
        }

        /** @param k clusters, at least 2 @return this builder */
        public Builder setK(int k) {
            if (k < 2) {
                throw new InvalidInputException("k-means needs k >= 2, got " + k);
            }
            this.k = k;
            return this;
        }

        /** @param restarts fits with successive seeds, the lowest cost kept (default 1) @return this builder */
        public Builder optRestarts(int restarts) {
            if (restarts < 1) {
                throw new InvalidInputException("restarts must be at least 1, got " + restarts);
            }
            this.restarts = restarts;
            return this;
        }

        /** @param seed the first restart's seed (default 42) @return this builder */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param maxIterations Lloyd's iterations at most per fit (default 100) @return this builder */
        public Builder optMaxIterations(int maxIterations) {
            if (maxIterations < 1) {
                throw new InvalidInputException("max iterations must be at least 1, got " + maxIterations);
            }
            this.maxIterations = maxIterations;
            return this;
        }

        /** @param tolerance MLlib's: stop when no centre moves farther (default 1e-4) @return this builder */
        public Builder optTolerance(double tolerance) {
            if (!(tolerance >= 0)) {
                throw new InvalidInputException("tolerance must be >= 0, got " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /** @param column the {@code array<float>} features column (default {@code features}) @return this builder */
        public Builder optFeaturesCol(String column) {
            this.featuresCol = Objects.requireNonNull(column);
            return this;
        }

        /** @param column the cluster column to add (default {@code kmeans_cluster}) @return this builder */
        public Builder optPredictionCol(String column) {
            this.predictionCol = Objects.requireNonNull(column);
            return this;
        }

        /** @return the k-means */
        public FeatureKMeans build() {
            if (k < 0) {
                throw new InvalidInputException("k-means needs k (setK)");
            }
            return new FeatureKMeans(this);
        }
    }
}
