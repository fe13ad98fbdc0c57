package io.cc4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties every metric must have, checked on random labelings. */
class ClusteringScoresTest {
    private static final double EXACT = 1e-12;

    private static int[] relabel(int[] ids, SplittableRandom random) {
        // A random injective renaming, with gaps and negative ids.
        int max = 0;
        for (int id : ids) {
            max = Math.max(max, id);
        }
        int[] perm = new int[max + 1];
        for (int i = 0; i <= max; i++) {
            perm[i] = i * 7 - 20;
        }
        for (int i = max; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = new int[ids.length];
        for (int s = 0; s < ids.length; s++) {
            out[s] = perm[ids[s]];
        }
        return out;
    }

    @Test
    void renamingClustersOrClassesLeavesEveryScoreUnchanged() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 30; trial++) {
            int n = 20 + random.nextInt(200);
            int[] truth = random.ints(n, 0, 2 + random.nextInt(6)).toArray();
            int[] pred = new int[n];
            for (int s = 0; s < n; s++) {
                // Partly agreeing labels, so scores are neither 0 nor 1.
                pred[s] = random.nextDouble() < 0.6 ? truth[s] : random.nextInt(2 + random.nextInt(8));
            }
            ClusteringScores base = ClusteringScores.of(truth, pred);
            ClusteringScores renamed = ClusteringScores.of(relabel(truth, random), relabel(pred, random));
            assertThat(renamed.nmi()).isCloseTo(base.nmi(), within(EXACT));
            assertThat(renamed.ari()).isCloseTo(base.ari(), within(EXACT));
            assertThat(renamed.acc()).isCloseTo(base.acc(), within(EXACT));
            assertThat(renamed.fmi()).isCloseTo(base.fmi(), within(EXACT));
            assertThat(renamed.clusters()).isEqualTo(base.clusters());
            assertThat(renamed.classes()).isEqualTo(base.classes());
        }
    }

    @Test
    void aPerfectLabelingScoresOneOnEveryMetric() {
        SplittableRandom random = new SplittableRandom(5);
        int[] truth = random.ints(300, 0, 10).toArray();
        ClusteringScores s = ClusteringScores.of(truth, relabel(truth, random));
        assertThat(s.nmi()).isCloseTo(1.0, within(EXACT));
        assertThat(s.ari()).isEqualTo(1.0);
        assertThat(s.acc()).isEqualTo(1.0);
        assertThat(s.fmi()).isCloseTo(1.0, within(EXACT));
        assertThat(s.n()).isEqualTo(300);
        assertThat(s.clusters()).isEqualTo(s.classes()).isEqualTo(10);
    }

    @Test
    void swappingTruthAndPredictionKeepsTheSymmetricMetrics() {
        SplittableRandom random = new SplittableRandom(9);
        int[] a = random.ints(150, 0, 4).toArray();
        int[] b = random.ints(150, 0, 6).toArray();
        ClusteringScores ab = ClusteringScores.of(a, b);
        ClusteringScores ba = ClusteringScores.of(b, a);
        assertThat(ba.nmi()).isCloseTo(ab.nmi(), within(EXACT));
        assertThat(ba.ari()).isCloseTo(ab.ari(), within(EXACT));
        assertThat(ba.fmi()).isCloseTo(ab.fmi(), within(EXACT));
        assertThat(ba.acc()).isCloseTo(ab.acc(), within(EXACT));
        assertThat(ba.clusters()).isEqualTo(ab.classes());
    }
}
