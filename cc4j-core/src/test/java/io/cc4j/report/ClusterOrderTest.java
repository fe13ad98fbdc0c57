package io.cc4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterOrderTest {
    @Test
    void ordersClustersByTheClassTheyMatch() {
        // cluster 0 is mostly class 2, cluster 1 class 0, cluster 2 class 1.
        long[][] counts = {{1, 2, 50}, {40, 3, 0}, {5, 30, 4}};
        assertThat(ClusterOrder.byMatchedClass(counts)).containsExactly(1, 2, 0);
    }

    @Test
    void extraClustersFollowByDecreasingSize() {
        long[][] counts = {{10, 0}, {1, 1}, {0, 9}, {3, 4}};
        assertThat(ClusterOrder.byMatchedClass(counts)).containsExactly(0, 2, 3, 1);
    }

    @Test
    void moreClassesThanClustersLeavesClassesUnmatched() {
        long[][] counts = {{0, 0, 7}, {5, 6, 0}};
        assertThat(ClusterOrder.byMatchedClass(counts)).containsExactly(1, 0);
    }
}
