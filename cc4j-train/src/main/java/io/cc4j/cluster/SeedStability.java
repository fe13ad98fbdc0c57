package io.cc4j.cluster;

import io.cc4j.InvalidInputException;
import io.cc4j.metrics.AdjustedRandIndex;
import java.util.List;

/**
 * Stability of k-means across seeds and subsamples: how much {@code S} runs at the same {@code k} agree, as the
 * mean adjusted Rand index over the {@code S(S-1)/2} pairs of runs.
 *
 * <p>Run {@code r} fits k-means (its own seed, {@code restarts} k-means++ starts) on a seeded subsample of a
 * fraction {@code f} of the vectors, then labels <em>all</em> vectors by their nearest centroid, so every pair of
 * runs is compared on the same vectors. This is the subsampling scheme of Ben-Hur, Elisseeff and Guyon ("A
 * stability based method for discovering structure in clustered data", PSB 2002), with the transfer of labels by
 * nearest centroid of Lange et al. ("Stability-based validation of clustering solutions", Neural Computation
 * 2004), and the agreement measured by ARI (which corrects for chance, so unlike the raw agreement it does not
 * favour large {@code k} by itself). With {@code f = 1} the runs differ only in their seeds. More starts per run
 * remove the disagreement that comes from k-means' local optima, leaving the one that comes from the subsamples.
 *
 * <p>A {@code k} equal to the number of real groups splits the data the same way from any start; a larger
 * {@code k} must cut some group, and where it cuts changes from run to run; a smaller one must join groups, which
 * may also change. See {@link #choose(List)} for the rule and its known bias (von Luxburg, "Clustering stability:
 * an overview", 2010: stability can be high for a wrong {@code k}, e.g. {@code k = 2} on symmetric data).
 */
public final class SeedStability {
    private final int runs;
    private final double subsample;
    private final RepeatedKMeans fits;

    private SeedStability(Builder b) {
        this.runs = b.runs;
        this.subsample = b.subsample;
        this.fits = b.fits();
    }

    /** @return a builder with the defaults: 5 runs, subsamples of 80%, 1 start per run, 300 iterations, seed 42 */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of {@link SeedStability}, validated as they are set; the seed is that of the subsamples and fits. */
    public static final class Builder extends RepeatedKMeans.BaseBuilder<Builder> {
        private int runs = 5;
        private double subsample = 0.8;

        private Builder() {
            super("stability", 1);
        }

        /**
         * @param runs number {@code S} of k-means runs compared, at least 2 (default 5, i.e. 10 pairs)
         * @return this builder
         */
        public Builder optRuns(int runs) {
            if (runs < 2) {
                throw new InvalidInputException("stability: need at least 2 runs to compare, got " + runs);
            }
            this.runs = runs;
            return this;
        }

        /**
         * @param fraction share of the vectors each run is fitted on, in {@code (0, 1]} (default 0.8)
         * @return this builder
         */
        public Builder optSubsample(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new InvalidInputException("stability: subsample fraction must be in (0, 1], got " + fraction);
            }
            this.subsample = fraction;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** @return the configured measure */
        public SeedStability build() {
            return new SeedStability(this);
        }
    }

    /** @return number of runs {@code S} */
    public int runs() {
        return runs;
    }

    /** @return share of the vectors each run is fitted on */
    public double subsample() {
        return subsample;
    }

    /**
     * Stability at one {@code k}.
     *
     * @param k number of clusters
     * @param meanAri mean ARI over the pairs of runs
     * @param sdAri standard deviation of the pairwise ARI values (divided by the number of pairs)
     * @param pairs number of pairs compared
     */
    public record Stability(int k, double meanAri, double sdAri, int pairs) {
    }

    /**
     * Runs the {@code S} fits at {@code k} and compares them.
     *
     * @param data the vectors (already normalised, if wanted)
     * @param k number of clusters, at least 2 and at most the subsample size
     * @return the mean pairwise ARI
     */
    public Stability at(FeatureMatrix data, int k) {
        int n = data.rows();
        int size = (int) Math.round(subsample * n);
        if (k < 2 || k > size) {
            throw new InvalidInputException("stability: k = " + k + " is outside 2.." + size
                    + " (the subsample size)");
        }
        int[][] labelings = new int[runs][];
        for (int r = 0; r < runs; r++) {
            int[] rows = FeatureMatrix.sampleIndices(n, size, fits.derivedSeed(ClusterSeeds.STABILITY_SUBSAMPLE, k, r));
            FeatureMatrix part = rows.length == n ? data : data.select(rows);
            KMeansResult fit = fits.fit(part, k, ClusterSeeds.STABILITY_FIT, k, r);
            labelings[r] = nearestCentroids(data, fit.centroids());
        }
        int pairs = runs * (runs - 1) / 2;
        double[] aris = new double[pairs];
        for (int a = 0, p = 0; a < runs; a++) {
            for (int b = a + 1; b < runs; b++, p++) {
                aris[p] = AdjustedRandIndex.of(labelings[a], labelings[b]);
            }
        }
        MeanAndDeviation spread = MeanAndDeviation.of(aris);
        return new Stability(k, spread.mean(), spread.sd(), pairs);
    }

    /** Nearest centroid of every row in double (ties to the lower index), as {@link KMeansResult#predict}. */
    static int[] nearestCentroids(FeatureMatrix data, float[][] centroids) {
        int n = data.rows();
        int d = data.dimension();
        float[] v = data.values();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestDist = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centroids.length; c++) {
                double dist = 0;
                float[] centroid = centroids[c];
                for (int j = 0, o = i * d; j < d; j++, o++) {
                    double diff = (double) v[o] - centroid[j];
                    dist += diff * diff;
                }
                if (dist < bestDist) {
                    bestDist = dist;
                    best = c;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    /**
     * The most stable {@code k}: the largest mean ARI, ties (within 1e-9) to the larger {@code k}, since a
     * smaller {@code k} that joins whole groups the same way every time can be exactly as stable as the right
     * one, while a larger {@code k} that cuts a group cannot. Stability alone tends to favour small {@code k} on
     * real data; it is one vote among the criteria of {@link KEstimator}.
     *
     * @param stabilities values at increasing {@code k}
     * @return the chosen {@code k}
     */
    public static int choose(List<Stability> stabilities) {
        if (stabilities.isEmpty()) {
            throw new InvalidInputException("stability: no value of k to choose from");
        }
        Stability best = stabilities.get(0);
        for (Stability s : stabilities) {
            if (s.meanAri() >= best.meanAri() - 1e-9) {
                best = s.meanAri() > best.meanAri() + 1e-9 || s.k() > best.k() ? s : best;
            }
        }
        return best.k();
    }
}
