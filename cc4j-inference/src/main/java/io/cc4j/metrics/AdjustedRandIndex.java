package io.cc4j.metrics;

import java.math.BigInteger;

/**
 * Adjusted Rand index: the Rand index (share of sample pairs on which the two labelings agree, "same group"
 * or "different groups") corrected for chance, so that random labelings score about 0 and identical ones 1.
 * The plain Rand index is dominated by the many pairs that are apart in both labelings and sits near 1 even
 * for poor clusterings, which is why ARI is reported instead.
 *
 * <p>Computed from the pair confusion matrix exactly as scikit-learn's {@code adjusted_rand_score}:
 * {@code ARI = 2 (TP TN - FN FP) / ((TP + FN)(FN + TN) + (TP + FP)(FP + TN))}, with exact integer arithmetic
 * (the products overflow {@code long} from about 55,000 samples on) and 1 when no pair disagrees (FN = FP = 0).
 * ARI can be negative for worse-than-chance labelings.
 */
public final class AdjustedRandIndex implements ClusteringMetric {
    /** The metric instance. */
    public static final AdjustedRandIndex INSTANCE = new AdjustedRandIndex();

    private AdjustedRandIndex() {
    }

    /**
     * @param truth ground-truth class id per sample
     * @param pred predicted cluster id per sample
     * @return ARI in [-1, 1]
     */
    public static double of(int[] truth, int[] pred) {
        return INSTANCE.score(truth, pred);
    }

    @Override
    public double score(ContingencyTable table) {
        long[] pairs = pairConfusion(table);
        long tn = pairs[0];
        long fp = pairs[1];
        long fn = pairs[2];
        long tp = pairs[3];
        if (fn == 0 && fp == 0) {
            return 1.0;
        }
        BigInteger numerator = big(tp).multiply(big(tn)).subtract(big(fn).multiply(big(fp)));
        BigInteger denominator = big(tp + fn).multiply(big(fn + tn)).add(big(tp + fp).multiply(big(fp + tn)));
        // As Python: the exact integers are rounded to double once each, then divided.
        return 2.0 * numerator.doubleValue() / denominator.doubleValue();
    }

    /**
     * The pair confusion matrix over ordered pairs of distinct samples, as scikit-learn's
     * {@code pair_confusion_matrix}.
     *
     * @param table contingency table
     * @return {@code {TN, FP, FN, TP}}: pairs apart in both, together only in the prediction, together only
     *     in the truth, together in both
     */
    public static long[] pairConfusion(ContingencyTable table) {
        long n = table.n();
        long sumSquares = table.sumOfSquaredCells();
        long[] rowSums = table.rowSums();
        long[] columnSums = table.columnSums();
        long sumSquaredColumns = 0;
        for (long c : columnSums) {
            sumSquaredColumns += c * c;
        }
        long sumSquaredRows = 0;
        for (long r : rowSums) {
            sumSquaredRows += r * r;
        }
        long tp = sumSquares - n;
        long fp = sumSquaredColumns - sumSquares;
        long fn = sumSquaredRows - sumSquares;
        long tn = n * n - fp - fn - sumSquares;
        return new long[] {tn, fp, fn, tp};
    }

    private static BigInteger big(long v) {
        return BigInteger.valueOf(v);
    }

    @Override
    public String name() {
        return "ARI";
    }

    @Override
    public String toString() {
        return "AdjustedRandIndex";
    }
}
