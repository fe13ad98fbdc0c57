package io.cc4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ContingencyTableTest {

    @Test
    void countsPairsWithNonContiguousIds() {
        int[] truth = {3, 3, 7, 7, 100, 100, 3, 7};
        int[] pred = {5, 5, 5, 9, 9, 9, -1, -1};
        ContingencyTable t = new ContingencyTable(truth, pred);

        assertThat(t.classIds()).containsExactly(3, 7, 100);
        assertThat(t.clusterIds()).containsExactly(-1, 5, 9);
        assertThat(t.matrix()).isDeepEqualTo(new long[][] {{1, 2, 0}, {1, 1, 1}, {0, 0, 2}});
        assertThat(t.rowSums()).containsExactly(3, 3, 2);
        assertThat(t.columnSums()).containsExactly(2, 3, 3);
        assertThat(t.n()).isEqualTo(8);
        assertThat(t.classes()).isEqualTo(3);
        assertThat(t.clusters()).isEqualTo(3);
        assertThat(t.nonZeroCells()).isEqualTo(6);
        assertThat(t.count(1, 2)).isEqualTo(1);
        assertThat(t.count(2, 0)).isZero();
    }

    @Test
    void sparseCellsAgreeWithDirectCounting() {
        SplittableRandom random = new SplittableRandom(3);
        int[] truth = random.ints(500, -4, 9).toArray();
        int[] pred = random.ints(500, 20, 26).toArray();
        ContingencyTable t = new ContingencyTable(truth, pred);
        int[] rows = t.classIds();
        int[] cols = t.clusterIds();
        long total = 0;
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < cols.length; c++) {
                long direct = 0;
                for (int s = 0; s < truth.length; s++) {
                    if (truth[s] == rows[r] && pred[s] == cols[c]) {
                        direct++;
                    }
                }
                assertThat(t.count(r, c)).isEqualTo(direct);
                assertThat(t.matrix()[r][c]).isEqualTo(direct);
                total += direct;
            }
        }
        assertThat(total).isEqualTo(500);
    }

    @Test
    void accessorsReturnCopies() {
        ContingencyTable t = new ContingencyTable(new int[] {0, 1}, new int[] {0, 0});
        t.classIds()[0] = 42;
        t.rowSums()[0] = 42;
        assertThat(t.classIds()).containsExactly(0, 1);
        assertThat(t.rowSums()).containsExactly(1, 1);
    }

    @Test
    void rejectsEmptyAndMismatchedInput() {
        assertThatThrownBy(() -> new ContingencyTable(new int[0], new int[0]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> new ContingencyTable(new int[3], new int[2]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("3 labels, 2 predictions");
    }
}
