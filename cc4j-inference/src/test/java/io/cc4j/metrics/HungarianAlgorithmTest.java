package io.cc4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.InvalidInputException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HungarianAlgorithmTest {

    /** Best total over all injective maps of the smaller side into the larger, by exhaustive search. */
    private static double bruteForce(double[][] w, boolean maximize) {
        int rows = w.length;
        int cols = w[0].length;
        double[] best = {maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY};
        if (rows <= cols) {
            search(w, 0, new boolean[cols], 0.0, best, maximize);
        } else {
            double[][] t = new double[cols][rows];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    t[j][i] = w[i][j];
                }
            }
            search(t, 0, new boolean[rows], 0.0, best, maximize);
        }
        return best[0];
    }

    private static void search(double[][] w, int row, boolean[] used, double sum, double[] best, boolean max) {
        if (row == w.length) {
            best[0] = max ? Math.max(best[0], sum) : Math.min(best[0], sum);
            return;
        }
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                search(w, row + 1, used, sum + w[row][j], best, max);
                used[j] = false;
            }
        }
    }

    private static double total(double[][] w, int[] assignment) {
        double s = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0) {
                s += w[i][assignment[i]];
            }
        }
        return s;
    }

    private static void assertValidMatching(double[][] w, int[] assignment) {
        int rows = w.length;
        int cols = w[0].length;
        assertThat(assignment).hasSize(rows);
        boolean[] taken = new boolean[cols];
        int matched = 0;
        for (int a : assignment) {
            if (a >= 0) {
                assertThat(a).isLessThan(cols);
                assertThat(taken[a]).as("column %d used twice", a).isFalse();
                taken[a] = true;
                matched++;
            }
        }
        assertThat(matched).isEqualTo(Math.min(rows, cols));
    }

    @Test
    void agreesWithBruteForceOnRandomRectangularMatrices() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 400; trial++) {
            int rows = 1 + random.nextInt(6);
            int cols = 1 + random.nextInt(6);
            double[][] w = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    // Small integers make ties frequent; negative values exercise the potentials.
                    w[i][j] = trial % 2 == 0 ? random.nextInt(-5, 10) : random.nextDouble() * 100 - 50;
                }
            }
            int[] max = HungarianAlgorithm.maximize(w);
            assertValidMatching(w, max);
            assertThat(total(w, max)).as("max trial %d", trial).isCloseTo(bruteForce(w, true),
                    within(1e-9));
            int[] min = HungarianAlgorithm.minimize(w);
            assertValidMatching(w, min);
            assertThat(total(w, min)).as("min trial %d", trial).isCloseTo(bruteForce(w, false),
                    within(1e-9));
        }
    }

    @Test
    void findsTheKnownOptimumOfAClassicExample() {
        double[][] cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        // scipy.optimize.linear_sum_assignment gives rows -> [1, 0, 2] with cost 5.
        assertThat(HungarianAlgorithm.minimize(cost)).containsExactly(1, 0, 2);
    }

    @Test
    void leavesExtraRowsUnmatched() {
        double[][] w = {{1}, {5}, {3}};
        assertThat(HungarianAlgorithm.maximize(w)).containsExactly(-1, 0, -1);
    }

    @Test
    void doesNotModifyItsInput() {
        double[][] w = {{1, 2}, {3, 4}};
        HungarianAlgorithm.maximize(w);
        assertThat(w).isDeepEqualTo(new double[][] {{1, 2}, {3, 4}});
    }

    @Test
    void rejectsBadMatrices() {
        assertThatThrownBy(() -> HungarianAlgorithm.maximize(new double[0][0]))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> HungarianAlgorithm.maximize(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 1");
        assertThatThrownBy(() -> HungarianAlgorithm.minimize(new double[][] {{1, Double.NaN}}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("(0, 1)");
    }
}
