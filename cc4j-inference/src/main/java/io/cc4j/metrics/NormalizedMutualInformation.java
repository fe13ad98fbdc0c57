package io.cc4j.metrics;

/**
 * Normalized mutual information with arithmetic-mean normalisation, {@code NMI = I(Y;C) / ((H(Y) + H(C)) / 2)},
 * exactly as scikit-learn's default {@code normalized_mutual_info_score} (the value the Contrastive Clustering
 * paper reports). Natural logarithms; the base cancels.
 *
 * <p>Edge cases follow scikit-learn: when both labelings have a single group there is nothing to disagree
 * about and the score is 1; when only one of them has a single group, the mutual information is 0 and so is
 * the score. NMI is not adjusted for chance: many small clusters score above 0 even for random labels
 * (see {@link AdjustedRandIndex}).
 */
public final class NormalizedMutualInformation implements ClusteringMetric {
    /** The metric instance. */
    public static final NormalizedMutualInformation INSTANCE = new NormalizedMutualInformation();

    /** Doubles below this are rounded to 0 per cell, as scikit-learn does. */
    private static final double EPS = Math.ulp(1.0);

    private NormalizedMutualInformation() {
    }

    /**
     * @param truth ground-truth class id per sample
     * @param pred predicted cluster id per sample
     * @return NMI in [0, 1]
     */
    public static double of(int[] truth, int[] pred) {
        return INSTANCE.score(truth, pred);
    }

    @Override
    public double score(ContingencyTable table) {
        if (table.classes() == 1 && table.clusters() == 1) {
            return 1.0;
        }
        double mi = mutualInformation(table);
        if (mi == 0.0) {
            return 0.0;
        }
        double normalizer = (entropy(table.rowSums()) + entropy(table.columnSums())) / 2.0;
        return mi / Math.max(normalizer, EPS);
    }

    /**
     * Mutual information {@code I(Y;C)} in nats, computed term by term like scikit-learn's
     * {@code mutual_info_score} (per-cell terms below machine epsilon become 0; the sum is clipped at 0).
     *
     * @param table contingency table
     * @return mutual information, at least 0
     */
    public static double mutualInformation(ContingencyTable table) {
        if (table.classes() == 1 || table.clusters() == 1) {
            return 0.0;
        }
        long[] pi = table.rowSums();
        long[] pj = table.columnSums();
        double n = table.n();
        double logN = Math.log(n);
        double sum = 0.0;
        for (int c = 0; c < table.nonZeroCells(); c++) {
            long count = table.cellCount(c);
            double p = count / n;
            long outer = pi[table.cellRow(c)] * pj[table.cellColumn(c)];
            double logOuter = -Math.log(outer) + logN + logN;
            double term = p * (Math.log(count) - logN) + p * logOuter;
            if (Math.abs(term) >= EPS) {
                sum += term;
            }
        }
        return Math.max(sum, 0.0);
    }

    /**
     * Shannon entropy in nats of a labeling given its group sizes; 0 for a single group.
     *
     * @param sizes samples per group (zeros ignored)
     * @return entropy, at least 0
     */
    public static double entropy(long[] sizes) {
        long total = 0;
        int groups = 0;
        for (long s : sizes) {
            if (s > 0) {
                total += s;
                groups++;
            }
        }
        if (groups <= 1) {
            return 0.0;
        }
        double logTotal = Math.log(total);
        double h = 0.0;
        for (long s : sizes) {
            if (s > 0) {
                h += ((double) s / total) * (Math.log(s) - logTotal);
            }
        }
        return -h;
    }

    @Override
    public String name() {
        return "NMI";
    }

    @Override
    public String toString() {
        return "NormalizedMutualInformation(arithmetic)";
    }
}
