package io.cc4j.cluster;

import io.cc4j.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.MultiKMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.evaluation.ClusterEvaluator;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * k-means clustering (Lloyd's algorithm with k-means++ seeding and several restarts), used for the paper's
 * ablation "CCH replaced by k-means" on instance-head or backbone features.
 *
 * <p>Runs Commons Math's {@link KMeansPlusPlusClusterer} (k-means++ seeding, iterations until no sample
 * changes cluster or {@code maxIterations}, an emptied cluster restarted from the cluster of largest variance)
 * {@code nInit} times through {@link MultiKMeansPlusPlusClusterer}, keeping the restart of lowest inertia
 * (within-cluster sum of squares, as scikit-learn does; Commons Math's default would rank by a variance
 * criterion). Every random choice comes from one {@link Well19937c} seeded with {@code seed}, so the same seed
 * gives the same labels. After fitting, each sample is labelled with its nearest returned (float) centroid,
 * so {@link KMeansResult#labels()} agrees with {@link KMeansResult#predict(float[])}.
 */
public final class KMeans {
    private static final Logger LOG = LoggerFactory.getLogger(KMeans.class);

    private final int k;
    private final int nInit;
    private final int maxIterations;
    private final long seed;

    private KMeans(Builder b) {
        this.k = b.k;
        this.nInit = b.nInit;
        this.maxIterations = b.maxIterations;
        this.seed = b.seed;
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
        List<Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] p = new double[d];
            for (int j = 0; j < d; j++) {
                float v = x[i * d + j];
                if (!Float.isFinite(v)) {
                    throw new InvalidInputException("k-means: sample " + i + " feature " + j + " is " + v);
                }
                p[j] = v;
            }
            points.add(new Point(p));
        }
        KMeansPlusPlusClusterer<Point> single = new KMeansPlusPlusClusterer<>(k, maxIterations,
                new EuclideanDistance(), new Well19937c(seed), KMeansPlusPlusClusterer.EmptyClusterStrategy.LARGEST_VARIANCE);
        MultiKMeansPlusPlusClusterer<Point> multi = new MultiKMeansPlusPlusClusterer<>(single, nInit, new Inertia());
        List<CentroidCluster<Point>> clusters = multi.cluster(points);

        float[][] centroids = new float[k][d];
        for (int c = 0; c < clusters.size(); c++) {
            double[] center = clusters.get(c).getCenter().getPoint();
            for (int j = 0; j < d; j++) {
                centroids[c][j] = (float) center[j];
            }
        }
        int[] labels = new int[n];
        double inertia = 0;
        float[] row = new float[d];
        KMeansResult model = new KMeansResult(labels, centroids, 0);
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * d, row, 0, d);
            labels[i] = model.predict(row);
            inertia += squaredDistance(row, centroids[labels[i]]);
        }
        LOG.debug("k-means: k={}, n={}, d={}, {} restarts, inertia {}", k, n, d, nInit, inertia);
        return new KMeansResult(labels, centroids, inertia);
    }

    private static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double diff = (double) a[j] - b[j];
            s += diff * diff;
        }
        return s;
    }

    /** A sample as Commons Math sees it. */
    private record Point(double[] values) implements Clusterable {
        @Override
        public double[] getPoint() {
            return values;
        }
    }

    /** Ranks restarts by inertia, the within-cluster sum of squared distances (lower is better). */
    private static final class Inertia extends ClusterEvaluator<Point> {
        @Override
        public double score(List<? extends Cluster<Point>> clusters) {
            double total = 0;
            for (Cluster<Point> cluster : clusters) {
                double[] center = centroidOf(cluster).getPoint();
                for (Point p : cluster.getPoints()) {
                    double[] v = p.getPoint();
                    for (int j = 0; j < v.length; j++) {
                        double diff = v[j] - center[j];
                        total += diff * diff;
                    }
                }
            }
            return total;
        }
    }
}
