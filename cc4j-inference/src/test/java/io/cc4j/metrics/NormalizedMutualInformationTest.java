package io.cc4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalizedMutualInformationTest {

    /** Textbook NMI from joint and marginal probabilities, written independently of the class under test. */
    private static double textbook(int[] a, int[] b) {
        int n = a.length;
        Map<Integer, Double> pa = new HashMap<>();
        Map<Integer, Double> pb = new HashMap<>();
        Map<Long, Double> pab = new HashMap<>();
        for (int s = 0; s < n; s++) {
            pa.merge(a[s], 1.0 / n, Double::sum);
            pb.merge(b[s], 1.0 / n, Double::sum);
            pab.merge(((long) a[s] << 32) ^ (b[s] & 0xffffffffL), 1.0 / n, Double::sum);
        }
        double mi = 0;
        for (Map.Entry<Long, Double> e : pab.entrySet()) {
            int x = (int) (e.getKey() >> 32);
            int y = (int) (long) e.getKey().longValue();
            mi += e.getValue() * Math.log(e.getValue() / (pa.get(x) * pb.get(y)));
        }
        double ha = 0;
        for (double p : pa.values()) {
            ha -= p * Math.log(p);
        }
        double hb = 0;
        for (double p : pb.values()) {
            hb -= p * Math.log(p);
        }
        return mi / ((ha + hb) / 2);
    }

    @Test
    void agreesWithTheTextbookFormula() {
        SplittableRandom random = new SplittableRandom(1);
        for (int trial = 0; trial < 20; trial++) {
            int n = 50 + random.nextInt(300);
            int[] a = random.ints(n, -3, 2 + random.nextInt(8)).toArray();
            int[] b = new int[n];
            for (int s = 0; s < n; s++) {
                b[s] = random.nextDouble() < 0.5 ? a[s] + 10 : random.nextInt(5);
            }
            assertThat(NormalizedMutualInformation.of(a, b)).isCloseTo(textbook(a, b), within(1e-10));
        }
    }

    @Test
    void followsScikitLearnEdgeCases() {
        // Both labelings a single group: a perfect (trivial) match.
        assertThat(NormalizedMutualInformation.of(new int[] {4, 4, 4}, new int[] {9, 9, 9})).isEqualTo(1.0);
        // Only one of them a single group: no shared information.
        assertThat(NormalizedMutualInformation.of(new int[] {0, 1, 2}, new int[] {5, 5, 5})).isEqualTo(0.0);
        assertThat(NormalizedMutualInformation.of(new int[] {5, 5, 5}, new int[] {0, 1, 2})).isEqualTo(0.0);
        // Independent labelings: exactly 0, not a tiny negative number.
        assertThat(NormalizedMutualInformation.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1})).isEqualTo(0.0);
    }

    @Test
    void entropyOfUniformGroupsIsLogOfTheirCount() {
        assertThat(NormalizedMutualInformation.entropy(new long[] {5, 5, 5, 5})).isCloseTo(Math.log(4), within(1e-15));
        assertThat(NormalizedMutualInformation.entropy(new long[] {7})).isEqualTo(0.0);
        assertThat(NormalizedMutualInformation.entropy(new long[] {0, 7, 0})).isEqualTo(0.0);
    }
}
