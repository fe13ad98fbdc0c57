package io.cc4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.inference.AssignmentsCsv;
import io.cc4j.metrics.ClusterMatching;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterOrderTest {
    @TempDir
    Path dir;

    @Test
    void ordersClustersByTheClassTheyMatch() throws IOException {
        // cluster 0 is class 2, cluster 1 is class 0, cluster 2 is class 1.
        AssignmentsCsv.Rows a = assignments(new int[][] {{0, 2}, {0, 2}, {1, 0}, {1, 0}, {2, 1}, {2, 1}, {2, 0}});
        assertThat(ClusterOrder.byMatchedClass(a)).containsExactly(1, 2, 0);
    }

    @Test
    void usesTheOptimalMatchingNotTheGreedyOne() throws IOException {
        // Counts cluster x class: {{10, 9}, {9, 0}}. Greedy would pair cluster 0 with class 0 (10 correct);
        // the optimal matching pairs cluster 1 with class 0 and cluster 0 with class 1 (18 correct).
        int[][] rows = new int[28][];
        int r = 0;
        for (int i = 0; i < 10; i++) {
            rows[r++] = new int[] {0, 0};
        }
        for (int i = 0; i < 9; i++) {
            rows[r++] = new int[] {0, 1};
            rows[r++] = new int[] {1, 0};
        }
        assertThat(ClusterOrder.byMatchedClass(assignments(rows))).containsExactly(1, 0);
    }

    @Test
    void unmatchedClustersFollowByDecreasingSize() {
        ClusterMatching m = new ClusterMatching(Map.of(0, 1, 3, 0), 10, 20);
        assertThat(ClusterOrder.of(m, new long[] {5, 2, 7, 5, 0})).containsExactly(3, 0, 2, 1, 4);
    }

    /** Writes rows of (cluster, label) as an assignments file and reads it back. */
    private AssignmentsCsv.Rows assignments(int[][] rows) throws IOException {
        StringBuilder csv = new StringBuilder("index,id,cluster,confidence,label\n");
        for (int i = 0; i < rows.length; i++) {
            csv.append(i).append(',').append(i).append(',').append(rows[i][0]).append(",0.9,").append(rows[i][1])
                    .append('\n');
        }
        Path f = dir.resolve("a.csv");
        Files.writeString(f, csv);
        return AssignmentsCsv.read(f);
    }
}
