package io.cc4j.metrics;

/**
 * Fowlkes-Mallows index: the geometric mean of pairwise precision and recall,
 * {@code FMI = TP / sqrt((TP + FP)(TP + FN))}, where TP counts sample pairs grouped together in both
 * labelings. Computed as scikit-learn's {@code fowlkes_mallows_score}, including its edge case: 0 when no pair
 * is together in both labelings (so two all-singleton labelings score 0, not 1).
 */
public final class FowlkesMallows implements ClusteringMetric {
    /** The metric instance. */
    public static final FowlkesMallows INSTANCE = new FowlkesMallows();

    private FowlkesMallows() {
    }

    /**
     * @param truth ground-truth class id per sample
     * @param pred predicted cluster id per sample
     * @return FMI in [0, 1]
     */
    public static double of(int[] truth, int[] pred) {
        return INSTANCE.score(truth, pred);
    }

    @Override
    public double score(ContingencyTable table) {
        long n = table.n();
        long tk = table.sumOfSquaredCells() - n;
        if (tk == 0) {
            return 0.0;
        }
        long pk = -n;
        for (long c : table.columnSums()) {
            pk += c * c;
        }
        long qk = -n;
        for (long r : table.rowSums()) {
            qk += r * r;
        }
        // Same order of operations as scikit-learn, for bit-level agreement.
        return Math.sqrt((double) tk / pk) * Math.sqrt((double) tk / qk);
    }

    @Override
    public String name() {
        return "FMI";
    }

    @Override
    public String toString() {
        return "FowlkesMallows";
    }
}
