package io.cc4j.cluster;

import io.cc4j.InvalidInputException;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * k-means clustering (Lloyd's algorithm with greedy k-means++ seeding and several restarts) on the PyTorch
 * engine, used for the paper's ablation "CCH replaced by k-means" on instance-head or backbone features and for
 * the raw-pixel baseline.
 *
 * <p>Follows scikit-learn's {@code KMeans(algorithm="lloyd")}: each of {@code nInit} restarts seeds centroids
 * with greedy k-means++ ({@code 2 + floor(ln k)} local trials per centre), then runs Lloyd's iterations until no
 * label changes, the total squared centroid shift is at most {@code 1e-4} times the mean per-feature variance
 * of the data, or {@code maxIterations}. An emptied cluster takes the sample farthest from its centroid. The
 * restart of lowest inertia (within-cluster sum of squares) wins.
 *
 * <p>Distances are matrix products in float32 on the engine ({@code ||x||^2 - 2 x.c + ||c||^2}, in row chunks
 * of at most 256 MB, see {@code EnginePoints}); the engine holds one float32 copy of the samples for the whole
 * fit, released when it returns. The inertia of each restart is summed in double on its final labels. Restart {@code r}
 * draws from the {@code (r+1)}-th {@link SplittableRandom#split() split} of a generator seeded with
 * {@code seed}, so the same seed gives the same labels and a run with fewer restarts repeats the first restarts
 * of a longer one. The winner's labels are recomputed in float64, so that {@link KMeansResult#labels()} agrees
 * with {@link KMeansResult#predict(float[])}.
 */
public final class KMeans {
    private static final Logger LOG = LoggerFactory.getLogger(KMeans.class);
    /** scikit-learn's default tolerance, relative to the mean per-feature variance. */
    private static final double TOLERANCE = 1e-4;

    private final int k;
    private final int nInit;
    private final int maxIterations;
    private final long seed;
    private final long chunkBytes;

    private KMeans(Builder b) {
        this.k = b.k;
        this.nInit = b.nInit;
        this.maxIterations = b.maxIterations;
        this.seed = b.seed;
        this.chunkBytes = b.chunkBytes;
    }

    /** @return a builder; {@link Builder#setK(int)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of {@link KMeans}, validated as they are set. */
    public static final class Builder {
        private int k = -1;
        private int nInit = 10;
        private int maxIterations = 300;
        private long seed = 42;
        private long chunkBytes = EnginePoints.DEFAULT_CHUNK_BYTES;

        private Builder() {
        }

        /**
         * @param k number of clusters, at least 1 (and at most the number of samples when fitting)
         * @return this builder
         */
        public Builder setK(int k) {
            if (k < 1) {
                throw new InvalidInputException("k-means: k must be at least 1, got " + k);
            }
            this.k = k;
            return this;
        }

        /**
         * @param nInit number of restarts with different k-means++ seeds, at least 1 (default 10)
         * @return this builder
         */
        public Builder optNInit(int nInit) {
            if (nInit < 1) {
                throw new InvalidInputException("k-means: number of restarts must be at least 1, got " + nInit);
            }
            this.nInit = nInit;
            return this;
        }

        /**
         * @param maxIterations Lloyd iterations per restart, at least 1 (default 300)
         * @return this builder
         */
        public Builder optMaxIterations(int maxIterations) {
            if (maxIterations < 1) {
                throw new InvalidInputException("k-means: max iterations must be at least 1, got " + maxIterations);
            }
            this.maxIterations = maxIterations;
            return this;
        }

        /**
         * @param seed seed of every random choice (default 42)
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Largest distance-matrix chunk in bytes; small values let tests exercise the chunked path. */
        Builder chunkBytes(long bytes) {
            this.chunkBytes = Math.max(1, bytes);
            return this;
        }

        /** @return the configured k-means */
        public KMeans build() {
            if (k < 1) {
                throw new InvalidInputException("k-means: the number of clusters k is required");
            }
            return new KMeans(this);
        }
    }

    /**
     * Clusters the rows of a matrix.
     *
     * @param x {@code n x d} feature vectors, all rows of equal length
     * @return the best of {@code nInit} restarts
     * @throws InvalidInputException if there are fewer samples than clusters, rows differ in length or a value
     *     is not finite
     */
    public KMeansResult fit(float[][] x) {
        if (x == null || x.length == 0) {
            throw new InvalidInputException("k-means: no samples to cluster");
        }
        int d = x[0] == null ? 0 : x[0].length;
        float[] flat = new float[Math.multiplyExact(x.length, d)];
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || x[i].length != d) {
                throw new InvalidInputException("k-means: sample " + i + " has " + (x[i] == null ? 0 : x[i].length)
                        + " features, sample 0 has " + d);
            }
            System.arraycopy(x[i], 0, flat, i * d, d);
        }
        return fit(flat, x.length, d);
    }

    /**
     * Clusters {@code n} vectors stored row by row in one array.
     *
     * @param x {@code n * d} values, sample {@code i} at {@code x[i*d .. i*d+d-1]}
     * @param n number of samples
     * @param d dimension
     * @return the best of {@code nInit} restarts
     * @throws InvalidInputException if the sizes do not match, there are fewer samples than clusters or a value
     *     is not finite
     */
    public KMeansResult fit(float[] x, int n, int d) {
        validate(x, n, d);
        double tolerance = TOLERANCE * meanVariance(x, n, d);
        try (EnginePoints points = new EnginePoints(x, n, d, chunkBytes)) {
            SplittableRandom root = new SplittableRandom(seed);
            LloydIterations.Run best = null;
            double bestInertia = Double.POSITIVE_INFINITY;
            for (int restart = 0; restart < nInit; restart++) {
                float[][] initial = KMeansPlusPlus.seed(points, k, root.split());
                LloydIterations.Run run = LloydIterations.run(points, initial, maxIterations, tolerance);
                double inertia = inertia(x, d, run.centroids(), run.labels());
                LOG.debug("k-means restart {}/{}: {} iterations{}, inertia {}", restart + 1, nInit, run.iterations(),
                        run.converged() ? "" : " (not converged)", inertia);
                if (best == null || inertia < bestInertia) {
                    bestInertia = inertia;
                    best = run;
                }
            }
            return finish(points, best);
        }
    }

    /**
     * Runs Lloyd's iterations once from given centroids (no seeding, no restarts), so tests can compare the
     * engine path with a reference.
     */
    KMeansResult fitFrom(float[] x, int n, int d, float[][] initial) {
        validate(x, n, d);
        try (EnginePoints points = new EnginePoints(x, n, d, chunkBytes)) {
            return finish(points, LloydIterations.run(points, initial, maxIterations, TOLERANCE * meanVariance(x, n, d)));
        }
    }

    /** Labels the samples in float64 with the run's centroids and sums the inertia in double. */
    private KMeansResult finish(EnginePoints points, LloydIterations.Run run) {
        float[][] centroids = run.centroids();
        int[] labels = points.nearestInDouble(centroids);
        double inertia = inertia(points.data(), points.dimension(), centroids, labels);
        LOG.debug("k-means: k={}, n={}, d={}, {} restarts, inertia {}", k, points.size(), points.dimension(), nInit,
                inertia);
        return new KMeansResult(labels, centroids, inertia);
    }

    /** Checks sizes, k against n, and that every value is finite. */
    private void validate(float[] x, int n, int d) {
        if (n < 1 || d < 1) {
            throw new InvalidInputException("k-means: need at least one sample and one feature, got n=" + n + ", d=" + d);
        }
        if (x == null || x.length != (long) n * d) {
            throw new InvalidInputException("k-means: " + (x == null ? 0 : x.length) + " values do not form " + n
                    + " x " + d + " samples");
        }
        if (k > n) {
            throw new InvalidInputException("k-means: k = " + k + " clusters is more than the " + n + " samples");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new InvalidInputException("k-means: sample " + i / d + " feature " + i % d + " is " + x[i]);
            }
        }
    }

    /** Mean over features of the per-feature variance, as scikit-learn scales its tolerance. */
    static double meanVariance(float[] x, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double diff = x[i * d + j] - mean[j];
                sum += diff * diff;
            }
        }
        return sum / ((double) n * d);
    }

    /** Sum over samples of the squared distance to their centroid, in double. */
    static double inertia(float[] x, int d, float[][] centroids, int[] labels) {
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            float[] c = centroids[labels[i]];
            int offset = i * d;
            for (int j = 0; j < d; j++) {
                double diff = (double) x[offset + j] - c[j];
                total += diff * diff;
            }
        }
        return total;
    }
}
