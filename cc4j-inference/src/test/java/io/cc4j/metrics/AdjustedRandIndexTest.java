package io.cc4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdjustedRandIndexTest {

    /** Counts unordered pairs one by one: {TN, FP, FN, TP}. */
    private static long[] bruteForcePairs(int[] truth, int[] pred) {
        long[] c = new long[4];
        for (int i = 0; i < truth.length; i++) {
            for (int j = i + 1; j < truth.length; j++) {
                boolean sameTruth = truth[i] == truth[j];
                boolean samePred = pred[i] == pred[j];
                c[(sameTruth ? 2 : 0) + (samePred ? 1 : 0)]++;
            }
        }
        // index: 0 apart/apart, 1 pred-only, 2 truth-only, 3 both
        return c;
    }

    @Test
    void pairConfusionCountsOrderedPairs() {
        SplittableRandom random = new SplittableRandom(2);
        int[] truth = random.ints(120, 0, 4).toArray();
        int[] pred = random.ints(120, 0, 5).toArray();
        long[] brute = bruteForcePairs(truth, pred);
        long[] fast = AdjustedRandIndex.pairConfusion(new ContingencyTable(truth, pred));
        for (int k = 0; k < 4; k++) {
            assertThat(fast[k]).isEqualTo(2 * brute[k]);
        }
    }

    @Test
    void agreesWithHubertArabieFormulaOnRandomLabelings() {
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 20; trial++) {
            int n = 30 + random.nextInt(150);
            int[] truth = random.ints(n, 0, 2 + random.nextInt(5)).toArray();
            int[] pred = new int[n];
            for (int s = 0; s < n; s++) {
                pred[s] = random.nextDouble() < 0.5 ? truth[s] : random.nextInt(6);
            }
            long[] p = bruteForcePairs(truth, pred);
            double pairs = n * (n - 1) / 2.0;
            double sumTruth = p[2] + p[3];
            double sumPred = p[1] + p[3];
            double expected = sumTruth * sumPred / pairs;
            double max = (sumTruth + sumPred) / 2;
            double ari = (p[3] - expected) / (max - expected);
            assertThat(AdjustedRandIndex.of(truth, pred)).isCloseTo(ari, within(1e-12));
        }
    }

    @Test
    void followsScikitLearnEdgeCases() {
        // No disagreeing pair (including all-singletons against all-singletons): 1.
        assertThat(AdjustedRandIndex.of(new int[] {0, 1, 2}, new int[] {7, 8, 9})).isEqualTo(1.0);
        assertThat(AdjustedRandIndex.of(new int[] {3, 3}, new int[] {1, 1})).isEqualTo(1.0);
        // Everything in one cluster against several classes: 0.
        assertThat(AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 0})).isEqualTo(0.0);
        // Worse than chance is negative.
        assertThat(AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1})).isNegative();
    }

    @Test
    void staysExactWhereLongProductsWouldOverflow() {
        // 100,000 samples: TP * TN is about 1e19, beyond Long.MAX_VALUE.
        int n = 100_000;
        int[] truth = new int[n];
        int[] pred = new int[n];
        for (int s = 0; s < n; s++) {
            truth[s] = s % 10;
            pred[s] = s % 10 == 0 && s % 20 == 0 ? 1 : s % 10;
        }
        double ari = AdjustedRandIndex.of(truth, pred);
        assertThat(ari).isBetween(0.0, 1.0);
        // Cross-check against the closed form in doubles (accurate to ~1e-12 here).
        long[] p = AdjustedRandIndex.pairConfusion(new ContingencyTable(truth, pred));
        double tn = p[0];
        double fp = p[1];
        double fn = p[2];
        double tp = p[3];
        double expected = 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
        assertThat(ari).isCloseTo(expected, within(1e-9));
    }
}
