package io.cc4j.cluster;

import io.cc4j.InvalidInputException;
import java.util.SplittableRandom;

/**
 * Labelled synthetic features with a known number of clusters, shaped like contrastive instance features: unit
 * vectors grouped around {@code K} random directions. Used to check that estimating K finds the K that was put
 * in, and to measure the criteria on data whose answer is known.
 *
 * <p>Each centre is a standard Gaussian vector divided by its norm (uniform on the sphere); in dimension 16 and
 * up, random centres are nearly orthogonal (cosine about {@code +-1/sqrt(d)}). Each point is its centre plus
 * Gaussian noise of standard deviation {@code spread / sqrt(d)} per coordinate (a noise vector of length about
 * {@code spread}), divided by its norm, so it lies at an angle of about {@code atan(spread)} from its centre.
 * Points are listed cluster by cluster in turn (point {@code i} belongs to cluster {@code i mod K}), so any prefix
 * is balanced. Everything comes from one seed.
 */
public final class SphericalBlobs {
    private final int clusters;
    private final int perCluster;
    private final int dimension;
    private final double spread;
    private final long seed;

    private SphericalBlobs(Builder b) {
        this.clusters = b.clusters;
        this.perCluster = b.perCluster;
        this.dimension = b.dimension;
        this.spread = b.spread;
        this.seed = b.seed;
    }

    /** @return a builder; {@link Builder#setClusters(int)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of {@link SphericalBlobs}, validated as they are set. */
    public static final class Builder {
        private int clusters = -1;
        private int perCluster = 100;
        private int dimension = 32;
        private double spread = 0.5;
        private long seed = 1;

        private Builder() {
        }

        /**
         * @param clusters number of clusters K, at least 1
         * @return this builder
         */
        public Builder setClusters(int clusters) {
            if (clusters < 1) {
                throw new InvalidInputException("blobs: need at least 1 cluster, got " + clusters);
            }
            this.clusters = clusters;
            return this;
        }

        /**
         * @param perCluster points in each cluster, at least 1 (default 100)
         * @return this builder
         */
        public Builder optPointsPerCluster(int perCluster) {
            if (perCluster < 1) {
                throw new InvalidInputException("blobs: need at least 1 point per cluster, got " + perCluster);
            }
            this.perCluster = perCluster;
            return this;
        }

        /**
         * @param dimension length of each vector, at least 2 (default 32)
         * @return this builder
         */
        public Builder optDimension(int dimension) {
            if (dimension < 2) {
                throw new InvalidInputException("blobs: dimension must be at least 2, got " + dimension);
            }
            this.dimension = dimension;
            return this;
        }

        /**
         * @param spread length of the noise added to a centre before normalising, at least 0 (default 0.5, about
         *     27 degrees from the centre)
         * @return this builder
         */
        public Builder optSpread(double spread) {
            if (!(spread >= 0) || Double.isInfinite(spread)) {
                throw new InvalidInputException("blobs: spread must be finite and at least 0, got " + spread);
            }
            this.spread = spread;
            return this;
        }

        /**
         * @param seed seed of the centres and the noise (default 1)
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @return the configured generator */
        public SphericalBlobs build() {
            if (clusters < 1) {
                throw new InvalidInputException("blobs: the number of clusters is required");
            }
            return new SphericalBlobs(this);
        }
    }

    /**
     * Generated data.
     *
     * @param features {@code K * perCluster} unit vectors
     * @param labels the cluster of each vector, {@code i mod K}
     * @param centres the {@code K} unit centres
     */
    public record Blobs(FeatureMatrix features, int[] labels, FeatureMatrix centres) {
    }

    /** @return the points, their clusters and the centres */
    public Blobs generate() {
        SplittableRandom random = new SplittableRandom(seed);
        int d = dimension;
        float[] centres = new float[clusters * d];
        double[] v = new double[d];
        for (int c = 0; c < clusters; c++) {
            for (int j = 0; j < d; j++) {
                v[j] = gaussian(random);
            }
            normalizeInto(v, centres, c * d);
        }
        int n = clusters * perCluster;
        float[] points = new float[n * d];
        int[] labels = new int[n];
        double sigma = spread / Math.sqrt(d);
        for (int i = 0; i < n; i++) {
            int c = i % clusters;
            labels[i] = c;
            for (int j = 0; j < d; j++) {
                v[j] = centres[c * d + j] + sigma * gaussian(random);
            }
            normalizeInto(v, points, i * d);
        }
        return new Blobs(FeatureMatrix.of(points, n, d), labels, FeatureMatrix.of(centres, clusters, d));
    }

    private static void normalizeInto(double[] v, float[] out, int offset) {
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < v.length; j++) {
            out[offset + j] = (float) (v[j] / norm);
        }
    }

    /** A standard normal draw (Box-Muller, cosine branch), from the generator alone. */
    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }
}
