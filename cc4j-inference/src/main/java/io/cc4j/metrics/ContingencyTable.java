package io.cc4j.metrics;

import io.cc4j.InvalidInputException;
import java.util.Arrays;

/**
 * Counts of samples per (class, cluster) pair: row {@code i} is the class {@code classIds()[i]}, column
 * {@code j} the cluster {@code clusterIds()[j]}, both sorted ascending, as in scikit-learn's
 * {@code contingency_matrix}.
 *
 * <p>Ids may be any integers (negative, non-contiguous). The table is stored sparsely (only non-zero cells),
 * so labelings with many distinct ids stay cheap; {@link #matrix()} builds the dense form on request. Counts
 * are {@code long} so that sums of products stay exact.
 */
public final class ContingencyTable {
    private final int[] classIds;
    private final int[] clusterIds;
    private final long[] rowSums;
    private final long[] columnSums;
    /** Non-zero cells in row-major order: row index, column index and count. */
    private final int[] cellRows;
    private final int[] cellColumns;
    private final long[] cellCounts;
    private final int n;

    /**
     * Builds the table of two labelings of the same samples.
     *
     * @param truth ground-truth class id per sample
     * @param pred predicted cluster id per sample
     * @throws InvalidInputException if either is null or empty, or their lengths differ
     */
    public ContingencyTable(int[] truth, int[] pred) {
        if (truth == null || pred == null) {
            throw new InvalidInputException("labels and predictions must not be null");
        }
        if (truth.length != pred.length) {
            throw new InvalidInputException("labels and predictions differ in length: "
                    + truth.length + " labels, " + pred.length + " predictions");
        }
        if (truth.length == 0) {
            throw new InvalidInputException("no samples: labels and predictions are empty");
        }
        n = truth.length;
        classIds = distinctSorted(truth);
        clusterIds = distinctSorted(pred);
        rowSums = new long[classIds.length];
        columnSums = new long[clusterIds.length];
        // Encode each sample's cell as one long, sort, and run-length count: O(n log n), no dense matrix.
        long width = clusterIds.length;
        long[] keys = new long[n];
        for (int s = 0; s < n; s++) {
            int r = Arrays.binarySearch(classIds, truth[s]);
            int c = Arrays.binarySearch(clusterIds, pred[s]);
            rowSums[r]++;
            columnSums[c]++;
            keys[s] = r * width + c;
        }
        Arrays.sort(keys);
        int cells = 0;
        for (int s = 0; s < n; s++) {
            if (s == 0 || keys[s] != keys[s - 1]) {
                cells++;
            }
        }
        cellRows = new int[cells];
        cellColumns = new int[cells];
        cellCounts = new long[cells];
        int cell = -1;
        for (int s = 0; s < n; s++) {
            if (s == 0 || keys[s] != keys[s - 1]) {
                cell++;
                cellRows[cell] = (int) (keys[s] / width);
                cellColumns[cell] = (int) (keys[s] % width);
            }
            cellCounts[cell]++;
        }
    }

    private static int[] distinctSorted(int[] ids) {
        return Arrays.stream(ids).distinct().sorted().toArray();
    }

    /** @return number of samples */
    public int n() {
        return n;
    }

    /** @return number of distinct classes (rows) */
    public int classes() {
        return classIds.length;
    }

    /** @return number of distinct clusters (columns) */
    public int clusters() {
        return clusterIds.length;
    }

    /** @return the class id of each row, ascending (a copy) */
    public int[] classIds() {
        return classIds.clone();
    }

    /** @return the cluster id of each column, ascending (a copy) */
    public int[] clusterIds() {
        return clusterIds.clone();
    }

    /** @return samples per class, indexed by row (a copy) */
    public long[] rowSums() {
        return rowSums.clone();
    }

    /** @return samples per cluster, indexed by column (a copy) */
    public long[] columnSums() {
        return columnSums.clone();
    }

    /** @return number of non-zero cells */
    public int nonZeroCells() {
        return cellCounts.length;
    }

    /**
     * @param cell index in {@code 0..nonZeroCells()-1}, row-major order
     * @return the row of that non-zero cell
     */
    public int cellRow(int cell) {
        return cellRows[cell];
    }

    /**
     * @param cell index in {@code 0..nonZeroCells()-1}, row-major order
     * @return the column of that non-zero cell
     */
    public int cellColumn(int cell) {
        return cellColumns[cell];
    }

    /**
     * @param cell index in {@code 0..nonZeroCells()-1}, row-major order
     * @return the (positive) count of that cell
     */
    public long cellCount(int cell) {
        return cellCounts[cell];
    }

    /**
     * The count of one cell.
     *
     * @param row class index
     * @param column cluster index
     * @return samples of class {@code classIds()[row]} put in cluster {@code clusterIds()[column]}
     */
    public long count(int row, int column) {
        if (row < 0 || row >= classIds.length || column < 0 || column >= clusterIds.length) {
            throw new IndexOutOfBoundsException("cell (" + row + ", " + column + ") outside a "
                    + classIds.length + " x " + clusterIds.length + " table");
        }
        long key = (long) row * clusterIds.length + column;
        int lo = 0;
        int hi = cellCounts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long midKey = (long) cellRows[mid] * clusterIds.length + cellColumns[mid];
            if (midKey < key) {
                lo = mid + 1;
            } else if (midKey > key) {
                hi = mid - 1;
            } else {
                return cellCounts[mid];
            }
        }
        return 0;
    }

    /** @return the dense {@code classes() x clusters()} matrix of counts (a new array) */
    public long[][] matrix() {
        long[][] m = new long[classIds.length][clusterIds.length];
        for (int c = 0; c < cellCounts.length; c++) {
            m[cellRows[c]][cellColumns[c]] = cellCounts[c];
        }
        return m;
    }

    /** @return the sum of squared cell counts (exact; at most n squared) */
    long sumOfSquaredCells() {
        long s = 0;
        for (long c : cellCounts) {
            s += c * c;
        }
        return s;
    }

    @Override
    public String toString() {
        return "ContingencyTable[n=" + n + ", classes=" + classIds.length + ", clusters=" + clusterIds.length + "]";
    }
}
