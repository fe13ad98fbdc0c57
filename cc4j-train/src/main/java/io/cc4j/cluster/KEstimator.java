package io.cc4j.cluster;

import io.cc4j.InvalidInputException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimates the number of clusters K of a set of feature vectors (for cc4j, the instance head's features of a
 * trained model): for each K of a range it runs k-means and computes the cosine silhouette, the gap statistic and
 * the stability across seeds, then applies the rules of {@link KEstimate}.
 *
 * <p>The steps, every random choice derived from one seed:
 * <ol>
 *   <li>a seeded sample of at most {@code sampleSize} vectors (default 10,000) is drawn once; everything below
 *       runs on it, so that a range of 49 values of K with references and repeated runs stays affordable;</li>
 *   <li>its rows are L2-normalised (default on): the instance head's features are unit vectors, compared by
 *       cosine in training, and k-means on unit vectors clusters by cosine similarity, since
 *       {@code |x - y|^2 = 2 - 2 cos(x, y)};</li>
 *   <li>for each K: k-means (k-means++, {@code restarts} starts, lowest inertia wins) gives the inertia and the
 *       labels; the cosine silhouette of those labels; the gap at K against {@code B} reference data sets; the
 *       mean pairwise ARI of {@code S} runs on subsamples, each with the same number of starts as the main fit,
 *       so that a local optimum of one start does not pass for instability. The silhouette and stability are
 *       undefined at K = 1 ({@code NaN}); the gap is defined there, so a range from 1 lets the gap say "no
 *       cluster structure".</li>
 * </ol>
 *
 * <p>Cost: with {@code R} restarts, {@code B} references and {@code S} stability runs, each K costs
 * {@code R + B + R S} k-means fits (a reference fit uses one start, as in R's {@code cluster::clusGap}). The
 * silhouette itself is {@code O(n K d)} and negligible.
 */
public final class KEstimator {
    private static final Logger LOG = LoggerFactory.getLogger(KEstimator.class);

    /** Told about each K as soon as its row is complete. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param row the figures of one K
         * @param done number of K finished so far
         * @param total number of K in the range
         */
        void onK(KScore row, int done, int total);
    }

    private final int minK;
    private final int maxK;
    private final int sampleSize;
    private final boolean normalize;
    private final RepeatedKMeans fits;
    private final Set<KCriterion> criteria;
    private final int gapReferences;
    private final GapStatistic.Reference gapReference;
    private final int stabilityRuns;
    private final double stabilitySubsample;
    private final Listener listener;

    private KEstimator(Builder b) {
        this.minK = b.minK;
        this.maxK = b.maxK;
        this.sampleSize = b.sampleSize;
        this.normalize = b.normalize;
        this.fits = b.fits();
        this.criteria = EnumSet.copyOf(b.criteria);
        this.gapReferences = b.gapReferences;
        this.gapReference = b.gapReference;
        this.stabilityRuns = b.stabilityRuns;
        this.stabilitySubsample = b.stabilitySubsample;
        this.listener = b.listener;
    }

    /** @return a builder with the defaults documented on its options, and 3 k-means++ starts per fit */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of {@link KEstimator}, validated as they are set. */
    public static final class Builder extends RepeatedKMeans.BaseBuilder<Builder> {
        private int minK = 2;
        private int maxK = 50;
        private int sampleSize = 10_000;
        private boolean normalize = true;
        private Set<KCriterion> criteria = EnumSet.allOf(KCriterion.class);
        private int gapReferences = 10;
        private GapStatistic.Reference gapReference = GapStatistic.Reference.PCA_BOX;
        private int stabilityRuns = 5;
        private double stabilitySubsample = 0.8;
        private Listener listener = (row, done, total) -> { };

        private Builder() {
            super("estimate-k", 3);
        }

        /**
         * @param min smallest K, at least 1
         * @param max largest K, at least {@code min} (default range 2..50; clipped to the sample size minus 1)
         * @return this builder
         */
        public Builder optRange(int min, int max) {
            if (min < 1 || max < min) {
                throw new InvalidInputException("estimate-k: the range of K must satisfy 1 <= min <= max, got " + min
                        + ".." + max);
            }
            this.minK = min;
            this.maxK = max;
            return this;
        }

        /**
         * @param size largest number of vectors used; {@code <= 0} uses all (default 10,000)
         * @return this builder
         */
        public Builder optSampleSize(int size) {
            this.sampleSize = size;
            return this;
        }

        /**
         * @param normalize whether to L2-normalise the rows first (default true, as CC's instance features are
         *     unit vectors)
         * @return this builder
         */
        public Builder optNormalize(boolean normalize) {
            this.normalize = normalize;
            return this;
        }

        /**
         * @param criteria criteria to compute, at least one (default all three)
         * @return this builder
         */
        public Builder optCriteria(Set<KCriterion> criteria) {
            if (criteria == null || criteria.isEmpty()) {
                throw new InvalidInputException("estimate-k: at least one criterion is needed");
            }
            this.criteria = EnumSet.copyOf(criteria);
            return this;
        }

        /**
         * @param references number {@code B} of gap reference data sets, at least 2 (default 10)
         * @return this builder
         */
        public Builder optGapReferences(int references) {
            if (references < 2) {
                throw new InvalidInputException("estimate-k: the gap needs at least 2 references, got " + references);
            }
            this.gapReferences = references;
            return this;
        }

        /**
         * @param reference the gap's reference distribution (default {@link GapStatistic.Reference#PCA_BOX})
         * @return this builder
         */
        public Builder optGapReference(GapStatistic.Reference reference) {
            this.gapReference = java.util.Objects.requireNonNull(reference, "reference");
            return this;
        }

        /**
         * @param runs number {@code S} of runs compared for stability, at least 2 (default 5)
         * @return this builder
         */
        public Builder optStabilityRuns(int runs) {
            if (runs < 2) {
                throw new InvalidInputException("estimate-k: stability needs at least 2 runs, got " + runs);
            }
            this.stabilityRuns = runs;
            return this;
        }

        /**
         * @param fraction share of the sample each stability run is fitted on, in {@code (0, 1]} (default 0.8)
         * @return this builder
         */
        public Builder optStabilitySubsample(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new InvalidInputException("estimate-k: stability subsample must be in (0, 1], got " + fraction);
            }
            this.stabilitySubsample = fraction;
            return this;
        }

        /**
         * @param listener told about each K when it is done (default: nothing)
         * @return this builder
         */
        public Builder optListener(Listener listener) {
            this.listener = java.util.Objects.requireNonNull(listener, "listener");
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the configured estimator */
        public KEstimator build() {
            return new KEstimator(this);
        }
    }

    /**
     * Runs the search.
     *
     * @param features the vectors, e.g. instance-head features {@code n x 128}
     * @return one row per K and the choices
     * @throws InvalidInputException if the sample is too small for the range (at least {@code minK + 1}
     *     vectors), or a row is zero while normalising
     */
    public KEstimate estimate(FeatureMatrix features) {
        long start = System.nanoTime();
        int[] indices = FeatureMatrix.sampleIndices(features.rows(), sampleSize,
                fits.derivedSeed(ClusterSeeds.SAMPLE));
        FeatureMatrix sample = indices.length == features.rows() ? features : features.select(indices);
        if (normalize) {
            sample = sample.l2Normalized();
        }
        int n = sample.rows();
        int d = sample.dimension();
        // The silhouette needs at most n - 1 clusters; stability at most its subsample size.
        int top = Math.min(maxK, n - 1);
        if (top < minK) {
            throw new InvalidInputException("estimate-k: " + n + " vectors are too few for K from " + minK
                    + " (need at least " + (minK + 1) + ")");
        }
        if (top < maxK) {
            LOG.warn("estimate-k: K capped at {} (the sample has {} vectors)", top, n);
        }
        GapStatistic.References references = criteria.contains(KCriterion.GAP)
                ? GapStatistic.builder().optReferences(gapReferences).optReference(gapReference)
                        .optMaxIterations(fits.maxIterations()).optSeed(fits.seed()).build().on(sample)
                : null;
        SeedStability stability = criteria.contains(KCriterion.STABILITY)
                ? SeedStability.builder().optRuns(stabilityRuns).optSubsample(stabilitySubsample)
                        .optRestarts(fits.restarts()).optMaxIterations(fits.maxIterations()).optSeed(fits.seed())
                        .build()
                : null;
        int stabilityMaxK = (int) Math.round(stabilitySubsample * n);
        List<KScore> rows = new ArrayList<>();
        int total = top - minK + 1;
        for (int k = minK; k <= top; k++) {
            long kStart = System.nanoTime();
            KMeansResult fit = fits.fit(sample, k, ClusterSeeds.FIT, k);
            double silhouette = Double.NaN;
            if (criteria.contains(KCriterion.SILHOUETTE) && k >= 2 && distinct(fit.labels()) >= 2) {
                silhouette = CosineSilhouette.score(sample, fit.labels());
            }
            double gap = Double.NaN;
            double gapError = Double.NaN;
            if (references != null) {
                GapStatistic.Gap g = references.at(k, fit.inertia());
                gap = g.gap();
                gapError = g.s();
            }
            double stable = Double.NaN;
            double stableSd = Double.NaN;
            if (stability != null && k >= 2 && k <= stabilityMaxK) {
                SeedStability.Stability s = stability.at(sample, k);
                stable = s.meanAri();
                stableSd = s.sdAri();
            }
            KScore row = new KScore(k, fit.inertia(), silhouette, gap, gapError, stable, stableSd,
                    (System.nanoTime() - kStart) / 1e9);
            rows.add(row);
            LOG.debug("estimate-k: {}", row);
            listener.onK(row, rows.size(), total);
        }
        List<KCriterion> used = new ArrayList<>(criteria);
        KEstimate.Settings settings = new KEstimate.Settings(features.rows(), n, d, normalize, minK, top,
                fits.restarts(), fits.maxIterations(), fits.seed(), used, references != null ? gapReferences : 0,
                references != null ? gapReference : null, stability != null ? stabilityRuns : 0,
                stability != null ? stabilitySubsample : 0);
        return new KEstimate(rows, settings, (System.nanoTime() - start) / 1e9);
    }

    private static int distinct(int[] labels) {
        return (int) java.util.Arrays.stream(labels).distinct().count();
    }
}
