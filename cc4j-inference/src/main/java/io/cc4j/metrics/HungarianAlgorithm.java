package io.cc4j.metrics;

import io.cc4j.InvalidInputException;
import java.util.Arrays;

/**
 * The assignment problem (Kuhn-Munkres, "Hungarian" algorithm) with row and column potentials and shortest
 * augmenting paths, in {@code O(r^2 c)} time for an {@code r x c} matrix with {@code r <= c}.
 *
 * <p>Rectangular matrices are allowed: exactly {@code min(rows, columns)} pairs are matched, each row and each
 * column at most once, as {@code scipy.optimize.linear_sum_assignment} does. With integer-valued entries (the
 * counts of a contingency table) every intermediate value is an exact integer in double precision, so the
 * optimum is exact. No maintained Java implementation exists in the project's libraries (Commons Math has
 * none), hence this one small class.
 */
public final class HungarianAlgorithm {
    private HungarianAlgorithm() {
    }

    /**
     * Finds the matching with the largest total weight.
     *
     * @param weights rectangular matrix of finite weights, {@code weights[row][column]}
     * @return for each row, its matched column, or -1 when the row is left unmatched (only when there are more
     *     rows than columns)
     * @throws InvalidInputException if the matrix is empty, ragged or holds a non-finite value
     */
    public static int[] maximize(double[][] weights) {
        double[][] costs = copyChecked(weights);
        for (double[] row : costs) {
            for (int j = 0; j < row.length; j++) {
                row[j] = -row[j];
            }
        }
        return solve(costs);
    }

    /**
     * Finds the matching with the smallest total cost.
     *
     * @param costs rectangular matrix of finite costs, {@code costs[row][column]}
     * @return for each row, its matched column, or -1 when the row is left unmatched (only when there are more
     *     rows than columns)
     * @throws InvalidInputException if the matrix is empty, ragged or holds a non-finite value
     */
    public static int[] minimize(double[][] costs) {
        return solve(copyChecked(costs));
    }

    private static double[][] copyChecked(double[][] m) {
        if (m == null || m.length == 0 || m[0] == null || m[0].length == 0) {
            throw new InvalidInputException("assignment matrix is empty");
        }
        int columns = m[0].length;
        double[][] copy = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            if (m[i] == null || m[i].length != columns) {
                throw new InvalidInputException("assignment matrix is ragged: row " + i + " has "
                        + (m[i] == null ? 0 : m[i].length) + " columns, row 0 has " + columns);
            }
            for (int j = 0; j < columns; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new InvalidInputException("assignment matrix entry (" + i + ", " + j + ") is " + m[i][j]);
                }
            }
            copy[i] = m[i].clone();
        }
        return copy;
    }

    /** Minimises; transposes first when there are more rows than columns. */
    private static int[] solve(double[][] costs) {
        int rows = costs.length;
        int columns = costs[0].length;
        if (rows <= columns) {
            return solveWide(costs);
        }
        double[][] t = new double[columns][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                t[j][i] = costs[i][j];
            }
        }
        int[] columnToRow = solveWide(t);
        int[] rowToColumn = new int[rows];
        Arrays.fill(rowToColumn, -1);
        for (int j = 0; j < columns; j++) {
            rowToColumn[columnToRow[j]] = j;
        }
        return rowToColumn;
    }

    /**
     * Shortest augmenting path version for {@code n <= m}; arrays are 1-based with index 0 as the virtual
     * start column. Every row ends up matched.
     */
    private static int[] solveWide(double[][] a) {
        int n = a.length;
        int m = a[0].length;
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1]; // p[j]: row (1-based) matched to column j, 0 if none
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = -1;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] assignment = new int[n];
        Arrays.fill(assignment, -1);
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                assignment[p[j] - 1] = j - 1;
            }
        }
        return assignment;
    }
}
