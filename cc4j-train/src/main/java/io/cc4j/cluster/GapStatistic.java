package io.cc4j.cluster;

import io.cc4j.InvalidInputException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The gap statistic (Tibshirani, Walther and Hastie, "Estimating the number of clusters in a data set via the
 * gap statistic", J. R. Statist. Soc. B 63, 2001) with k-means as the clustering.
 *
 * <p>{@code W_k} is the pooled within-cluster dispersion {@code sum_r D_r / (2 n_r)}, which for squared Euclidean
 * distances is exactly the k-means inertia. {@code B} reference data sets with no cluster structure are drawn
 * uniformly from a box around the data, clustered the same way, and
 * {@code Gap(k) = mean_b log W*_kb - log W_k}, with {@code sd_k} the standard deviation (over {@code B}) of
 * {@code log W*_kb} and {@code s_k = sd_k sqrt(1 + 1/B)}. The rule of the paper chooses the smallest {@code k}
 * with {@code Gap(k) >= Gap(k+1) - s_(k+1)} (see {@link #choose(List)}).
 *
 * <p>The box is either the range of each feature ({@link Reference#BOUNDING_BOX}, the paper's reference (a)) or
 * the range of the data along its principal axes ({@link Reference#PCA_BOX}, reference (b), which the paper
 * recommends because it follows the shape of the data). Reference {@code b} is drawn from its own seed and is the
 * same data set for every {@code k}, as in the paper, so that the differences between values of {@code k} are
 * not blurred by new draws. The reference fits use their own seeds and the k-means settings given here (one
 * k-means++ start by default, like R's {@code cluster::clusGap}).
 *
 * <p>For unit-length features, the references fill a box, not the sphere the data lie on: that is the literal
 * method of the paper, and it can favour some structure even on data uniform on a sphere.
 */
public final class GapStatistic {
    /** Where the reference data sets are drawn. */
    public enum Reference {
        /** Uniform over the range of each feature. */
        BOUNDING_BOX,
        /** Uniform over the range of the data along each of its principal axes. */
        PCA_BOX
    }

    private final int references;
    private final Reference reference;
    private final RepeatedKMeans fits;

    private GapStatistic(Builder b) {
        this.references = b.references;
        this.reference = b.reference;
        this.fits = b.fits();
    }

    /** @return a builder with the defaults: 10 references, PCA box, 1 start, 300 iterations, seed 42 */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of {@link GapStatistic}, validated as they are set; the seed is the references' and their fits'. */
    public static final class Builder extends RepeatedKMeans.BaseBuilder<Builder> {
        private int references = 10;
        private Reference reference = Reference.PCA_BOX;

        private Builder() {
            super("gap statistic", 1);
        }

        /**
         * @param references number {@code B} of reference data sets, at least 2 (default 10)
         * @return this builder
         */
        public Builder optReferences(int references) {
            if (references < 2) {
                throw new InvalidInputException("gap statistic: need at least 2 reference data sets, got "
                        + references);
            }
            this.references = references;
            return this;
        }

        /**
         * @param reference where reference data are drawn (default {@link Reference#PCA_BOX})
         * @return this builder
         */
        public Builder optReference(Reference reference) {
            this.reference = java.util.Objects.requireNonNull(reference, "reference");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the configured statistic */
        public GapStatistic build() {
            return new GapStatistic(this);
        }
    }

    /** @return number of reference data sets {@code B} */
    public int references() {
        return references;
    }

    /** @return where the reference data are drawn */
    public Reference reference() {
        return reference;
    }

    /**
     * The gap at one {@code k}.
     *
     * @param k number of clusters
     * @param logW {@code log W_k} of the data
     * @param expectedLogW mean over the references of {@code log W*_kb}
     * @param gap {@code expectedLogW - logW}
     * @param sd standard deviation over the references of {@code log W*_kb} (divided by {@code B})
     * @param s {@code sd * sqrt(1 + 1/B)}, the error used by the selection rule
     */
    public record Gap(int k, double logW, double expectedLogW, double gap, double sd, double s) {
    }

    /**
     * Prepares the references for one data set: the box is measured once and each reference is drawn from its
     * seed when needed, so no reference is held in memory between values of {@code k}.
     *
     * @param data the (already normalised, if wanted) vectors that were clustered
     * @return the references of this data set
     */
    public References on(FeatureMatrix data) {
        return new References(data);
    }

    /** The reference distribution of one data set; {@link #at(int, double)} computes the gap at one {@code k}. */
    public final class References {
        private final int n;
        private final int d;
        private final double[] low;
        private final double[] high;
        private final PrincipalAxes axes;

        private References(FeatureMatrix data) {
            this.n = data.rows();
            this.d = data.dimension();
            this.low = new double[d];
            this.high = new double[d];
            java.util.Arrays.fill(low, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(high, Double.NEGATIVE_INFINITY);
            float[] v = data.values();
            double[] coordinates = new double[d];
            this.axes = reference == Reference.PCA_BOX ? PrincipalAxes.of(data) : null;
            for (int i = 0; i < n; i++) {
                if (axes != null) {
                    axes.project(v, i * d, coordinates);
                } else {
                    for (int j = 0; j < d; j++) {
                        coordinates[j] = v[i * d + j];
                    }
                }
                for (int j = 0; j < d; j++) {
                    low[j] = Math.min(low[j], coordinates[j]);
                    high[j] = Math.max(high[j], coordinates[j]);
                }
            }
        }

        /**
         * Reference data set {@code b}: {@code n} points uniform in the box (in the principal-axes coordinates for
         * the PCA box, rotated back), from the seed of {@code b} alone.
         */
        FeatureMatrix draw(int b) {
            SplittableRandom random = new SplittableRandom(fits.derivedSeed(ClusterSeeds.GAP_REFERENCE, b));
            float[] out = new float[n * d];
            double[] z = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    z[j] = low[j] + (high[j] - low[j]) * random.nextDouble();
                }
                if (axes != null) {
                    axes.unproject(z, out, i * d);
                } else {
                    for (int j = 0; j < d; j++) {
                        out[i * d + j] = (float) z[j];
                    }
                }
            }
            return FeatureMatrix.of(out, n, d);
        }

        /**
         * Clusters the {@code B} references with {@code k} clusters and compares with the data.
         *
         * @param k number of clusters, at most the number of vectors
         * @param inertia the data's k-means inertia at {@code k} ({@code W_k})
         * @return the gap and its error
         */
        public Gap at(int k, double inertia) {
            if (k < 1 || k > n) {
                throw new InvalidInputException("gap statistic: k = " + k + " is outside 1.." + n);
            }
            double[] logs = new double[references];
            for (int b = 0; b < references; b++) {
                logs[b] = Math.log(fits.fit(draw(b), k, ClusterSeeds.GAP_FIT, b, k).inertia());
            }
            MeanAndDeviation spread = MeanAndDeviation.of(logs);
            double logW = Math.log(inertia);
            return new Gap(k, logW, spread.mean(), spread.mean() - logW, spread.sd(),
                    spread.sd() * Math.sqrt(1 + 1.0 / references));
        }
    }

    /**
     * Tibshirani's rule: the smallest {@code k} such that {@code Gap(k) >= Gap(k+1) - s_(k+1)}, over consecutive
     * values of {@code k}. When no {@code k} of the range satisfies it, the largest {@code k} (the gap still
     * rises at the end of the range, so the range was too short), as R's {@code cluster::maxSE} does for
     * {@code "Tibs2001SEmax"}.
     *
     * @param gaps gaps at increasing, consecutive {@code k}
     * @return the chosen {@code k}
     */
    public static int choose(List<Gap> gaps) {
        if (gaps.isEmpty()) {
            throw new InvalidInputException("gap statistic: no value of k to choose from");
        }
        for (int i = 0; i + 1 < gaps.size(); i++) {
            Gap g = gaps.get(i);
            Gap next = gaps.get(i + 1);
            if (next.k() != g.k() + 1) {
                throw new InvalidInputException("gap statistic: k must be consecutive, got " + g.k() + " then "
                        + next.k());
            }
            if (g.gap() >= next.gap() - next.s()) {
                return g.k();
            }
        }
        return gaps.get(gaps.size() - 1).k();
    }
}
