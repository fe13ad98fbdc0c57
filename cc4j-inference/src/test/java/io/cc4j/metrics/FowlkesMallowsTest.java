package io.cc4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FowlkesMallowsTest {

    @Test
    void isTheGeometricMeanOfPairPrecisionAndRecall() {
        SplittableRandom random = new SplittableRandom(8);
        for (int trial = 0; trial < 20; trial++) {
            int n = 20 + random.nextInt(100);
            int[] truth = random.ints(n, 0, 4).toArray();
            int[] pred = random.ints(n, 0, 3).toArray();
            long tp = 0;
            long predPairs = 0;
            long truthPairs = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    boolean t = truth[i] == truth[j];
                    boolean p = pred[i] == pred[j];
                    tp += t && p ? 1 : 0;
                    truthPairs += t ? 1 : 0;
                    predPairs += p ? 1 : 0;
                }
            }
            double precision = (double) tp / predPairs;
            double recall = (double) tp / truthPairs;
            assertThat(FowlkesMallows.of(truth, pred)).isCloseTo(Math.sqrt(precision * recall), within(1e-12));
        }
    }

    @Test
    void isZeroWhenNoPairIsTogetherInBoth() {
        assertThat(FowlkesMallows.of(new int[] {0, 1}, new int[] {1, 0})).isEqualTo(0.0);
        assertThat(FowlkesMallows.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1})).isEqualTo(0.0);
    }
}
