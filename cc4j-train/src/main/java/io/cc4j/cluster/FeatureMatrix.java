package io.cc4j.cluster;

import io.cc4j.InvalidInputException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * {@code n} feature vectors of dimension {@code d}, stored row by row in one {@code float[]} (the layout of
 * {@link KMeans#fit(float[], int, int)} and of the features an inference run returns). The values are validated
 * once (sizes, finite) and kept by reference: callers must not modify the array afterwards.
 *
 * <p>Helpers cover what choosing or merging clusters needs: L2-normalising the rows (contrastive clustering's
 * instance features are unit vectors, and cosine geometry is what the instance head was trained for), taking a
 * seeded sample of rows, and selecting rows.
 */
public final class FeatureMatrix {
    private final float[] values;
    private final int rows;
    private final int dimension;

    private FeatureMatrix(float[] values, int rows, int dimension) {
        this.values = values;
        this.rows = rows;
        this.dimension = dimension;
    }

    /**
     * Wraps row-major values.
     *
     * @param values {@code rows * dimension} values, row by row (kept by reference)
     * @param rows number of vectors, at least 1
     * @param dimension length of each vector, at least 1
     * @return the matrix
     * @throws InvalidInputException if the sizes do not match or a value is not finite
     */
    public static FeatureMatrix of(float[] values, int rows, int dimension) {
        if (rows < 1 || dimension < 1) {
            throw new InvalidInputException("features: need at least one row and one column, got " + rows + " x "
                    + dimension);
        }
        if (values == null || values.length != (long) rows * dimension) {
            throw new InvalidInputException("features: " + (values == null ? 0 : values.length)
                    + " values do not form " + rows + " x " + dimension + " rows");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidInputException("features: row " + i / dimension + " column " + i % dimension + " is "
                        + values[i]);
            }
        }
        return new FeatureMatrix(values, rows, dimension);
    }

    /**
     * Copies rows of equal length.
     *
     * @param rows the vectors
     * @return the matrix
     * @throws InvalidInputException if there are no rows, lengths differ or a value is not finite
     */
    public static FeatureMatrix of(float[][] rows) {
        if (rows == null || rows.length == 0 || rows[0] == null) {
            throw new InvalidInputException("features: no rows");
        }
        int d = rows[0].length;
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != d) {
                throw new InvalidInputException("features: row " + i + " has length "
                        + (rows[i] == null ? 0 : rows[i].length) + ", row 0 has " + d);
            }
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return of(flat, rows.length, d);
    }

    /** @return the values row by row (not a copy: do not modify) */
    public float[] values() {
        return values;
    }

    /** @return number of vectors */
    public int rows() {
        return rows;
    }

    /** @return length of each vector */
    public int dimension() {
        return dimension;
    }

    /** @return the value at row {@code i}, column {@code j} */
    public float get(int i, int j) {
        return values[i * dimension + j];
    }

    /** @return a copy of row {@code i} */
    public float[] row(int i) {
        return Arrays.copyOfRange(values, i * dimension, (i + 1) * dimension);
    }

    /**
     * Divides every row by its Euclidean norm (computed in double), so that squared Euclidean distances become
     * {@code 2 - 2 cos}: k-means on the result clusters by cosine similarity, as the instance head's features are
     * compared in training.
     *
     * @return a new matrix of unit rows
     * @throws InvalidInputException if a row is all zeros (it has no direction)
     */
    public FeatureMatrix l2Normalized() {
        float[] out = new float[values.length];
        for (int i = 0; i < rows; i++) {
            double norm = Math.sqrt(squaredNorm(values, i * dimension, dimension));
            if (norm == 0) {
                throw new InvalidInputException("features: row " + i + " is all zeros and cannot be normalised");
            }
            for (int j = 0, o = i * dimension; j < dimension; j++, o++) {
                out[o] = (float) (values[o] / norm);
            }
        }
        return new FeatureMatrix(out, rows, dimension);
    }

    /**
     * @param indices rows to keep, in the order given (repeats allowed)
     * @return a new matrix of those rows
     */
    public FeatureMatrix select(int[] indices) {
        if (indices.length == 0) {
            throw new InvalidInputException("features: cannot select zero rows");
        }
        float[] out = new float[indices.length * dimension];
        for (int r = 0; r < indices.length; r++) {
            int i = indices[r];
            if (i < 0 || i >= rows) {
                throw new InvalidInputException("features: row " + i + " is outside 0.." + (rows - 1));
            }
            System.arraycopy(values, i * dimension, out, r * dimension, dimension);
        }
        return new FeatureMatrix(out, indices.length, dimension);
    }

    /**
     * A seeded sample of row indices without replacement (the first {@code size} of a Fisher-Yates shuffle),
     * returned in increasing order. The same {@code (n, size, seed)} always gives the same indices.
     *
     * @param n number of rows to sample from
     * @param size how many to keep; {@code <= 0} or {@code >= n} keeps all rows
     * @param seed seed of the shuffle
     * @return sorted indices in {@code 0..n-1}
     */
    public static int[] sampleIndices(int n, int size, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (size <= 0 || size >= n) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] sample = Arrays.copyOf(all, size);
        Arrays.sort(sample);
        return sample;
    }

    /** Sum of squares of {@code length} values from {@code offset}, in double. */
    static double squaredNorm(float[] v, int offset, int length) {
        double s = 0;
        for (int j = 0; j < length; j++) {
            double x = v[offset + j];
            s += x * x;
        }
        return s;
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + rows + " x " + dimension + "]";
    }
}
