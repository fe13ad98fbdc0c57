package io.cc4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClusteringAccuracyTest {

    /** Best number of correctly mapped samples over every injective cluster -> class map. */
    private static long bruteForceMatched(long[][] counts) {
        int classes = counts.length;
        int clusters = counts[0].length;
        long[] best = {0};
        search(counts, 0, new boolean[classes], 0, best, clusters);
        return best[0];
    }

    private static void search(long[][] counts, int cluster, boolean[] usedClass, long sum, long[] best, int clusters) {
        if (cluster == clusters) {
            best[0] = Math.max(best[0], sum);
            return;
        }
        search(counts, cluster + 1, usedClass, sum, best, clusters); // leave this cluster unmatched
        for (int r = 0; r < usedClass.length; r++) {
            if (!usedClass[r]) {
                usedClass[r] = true;
                search(counts, cluster + 1, usedClass, sum + counts[r][cluster], best, clusters);
                usedClass[r] = false;
            }
        }
    }

    @Test
    void agreesWithExhaustiveSearchWhenClusterAndClassCountsDiffer() {
        SplittableRandom random = new SplittableRandom(12);
        for (int trial = 0; trial < 60; trial++) {
            int n = 10 + random.nextInt(80);
            int[] truth = random.ints(n, 0, 1 + random.nextInt(6)).toArray();
            int[] pred = random.ints(n, 100, 101 + random.nextInt(6)).toArray();
            ContingencyTable table = new ContingencyTable(truth, pred);
            ClusterMatching m = ClusteringAccuracy.match(table);
            assertThat(m.matched()).as("trial %d", trial).isEqualTo(bruteForceMatched(table.matrix()));
            assertThat(ClusteringAccuracy.of(truth, pred)).isEqualTo((double) m.matched() / n);
            assertThat(m.clusterToClass()).hasSize(Math.min(table.classes(), table.clusters()));
            assertThat(m.clusterToClass().values()).doesNotHaveDuplicates();
        }
    }

    @Test
    void exposesTheMatchingFromClusterIdToClassId() {
        int[] truth = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
        int[] pred = {7, 7, 7, 3, 3, 9, 5, 5, 5, 5};
        ClusterMatching m = ClusteringAccuracy.match(truth, pred);
        // Four clusters, three classes: cluster 9 stays unmatched and its sample counts as wrong.
        assertThat(m.clusterToClass()).containsExactly(entry(3, 1), entry(5, 2), entry(7, 0));
        assertThat(m.classOf(9)).isEmpty();
        assertThat(m.classOf(3)).hasValue(1);
        assertThat(m.matched()).isEqualTo(9);
        assertThat(m.accuracy()).isEqualTo(0.9);
    }

    @Test
    void fewerClustersThanClassesLeavesClassesUnmatched() {
        int[] truth = {0, 0, 1, 1, 2, 2};
        int[] pred = {4, 4, 4, 4, 4, 4};
        assertThat(ClusteringAccuracy.of(truth, pred)).isEqualTo(2.0 / 6);
    }
}
