package io.cc4j.cluster;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.cc4j.engine.EngineSupport;

/**
 * The samples of one k-means fit held on the PyTorch engine (float32, {@code n x d}), with the batched
 * distance computations k-means needs. Squared distances are expanded as
 * {@code ||x||^2 - 2 x.c + ||c||^2} so that the work is one matrix product, and clamped at 0 against rounding.
 *
 * <p>Every {@code n x m} distance matrix is built in row chunks of at most {@code chunkBytes} so that large
 * {@code n * k} does not exhaust memory. Each call closes its temporaries through an {@link NDScope}; only the
 * samples and their squared norms live for the whole fit, in a manager closed by {@link #close()}.
 */
final class EnginePoints implements AutoCloseable {
    /** Default size of one chunk of the distance matrix. */
    static final long DEFAULT_CHUNK_BYTES = 256L << 20;

    private final NDManager manager;
    private final NDArray x;
    private final NDArray sqNorms;
    private final float[] data;
    private final int n;
    private final int d;
    private final long chunkBytes;

    /**
     * Copies the samples to the engine.
     *
     * @param data {@code n * d} values, row by row (kept by reference, not modified)
     * @param n samples
     * @param d dimension
     * @param chunkBytes largest distance-matrix chunk in bytes
     */
    EnginePoints(float[] data, int n, int d, long chunkBytes) {
        this.data = data;
        this.n = n;
        this.d = d;
        this.chunkBytes = chunkBytes;
        this.manager = EngineSupport.pytorch(0).newBaseManager();
        try {
            this.x = manager.create(data, new Shape(n, d));
            this.sqNorms = x.square().sum(new int[] {1});
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** @return number of samples */
    int size() {
        return n;
    }

    /** @return dimension */
    int dimension() {
        return d;
    }

    /** @return the samples row by row, as given (not a copy: do not modify) */
    float[] data() {
        return data;
    }

    /**
     * Squared distances of every sample to a few points (the k-means++ candidates).
     *
     * @param points {@code t x d} points
     * @return {@code t x n} squared distances, {@code [j][i]} for point {@code j} and sample {@code i}
     */
    float[][] squaredDistances(float[][] points) {
        int t = points.length;
        float[][] out = new float[t][n];
        try (NDScope scope = new NDScope()) {
            NDArray p = manager.create(flatten(points), new Shape(t, d));
            NDArray pT = p.transpose().mul(-2f);
            NDArray pNorms = p.square().sum(new int[] {1});
            int rows = rowsPerChunk(t, Float.BYTES);
            for (int start = 0; start < n; start += rows) {
                int end = Math.min(n, start + rows);
                try (NDScope chunk = new NDScope()) {
                    NDIndex slice = new NDIndex("{}:{}", start, end);
                    NDArray dist = x.get(slice).matMul(pT).add(pNorms).add(sqNorms.get(slice).expandDims(1))
                            .maximum(0f).transpose();
                    float[] values = dist.toFloatArray();
                    int m = end - start;
                    for (int j = 0; j < t; j++) {
                        System.arraycopy(values, j * m, out[j], start, m);
                    }
                }
            }
        }
        return out;
    }

    /**
     * One assignment step of Lloyd's algorithm in float32: the nearest centroid of every sample, its squared
     * distance, and optionally the per-cluster sums of the samples (one-hot transposed times samples).
     *
     * @param centroids {@code k x d} centroids
     * @param withSums whether to compute the per-cluster sums
     * @return labels, distances and (if asked) sums
     */
    Assignment assign(float[][] centroids, boolean withSums) {
        int k = centroids.length;
        int[] labels = new int[n];
        float[] distances = new float[n];
        float[] sums = null;
        try (NDScope scope = new NDScope()) {
            NDArray c = manager.create(flatten(centroids), new Shape(k, d));
            NDArray cT = c.transpose().mul(-2f);
            NDArray cNorms = c.square().sum(new int[] {1});
            NDArray total = withSums ? manager.zeros(new Shape(k, d), DataType.FLOAT32) : null;
            int rows = rowsPerChunk(k, Float.BYTES);
            for (int start = 0; start < n; start += rows) {
                int end = Math.min(n, start + rows);
                try (NDScope chunk = new NDScope()) {
                    NDIndex slice = new NDIndex("{}:{}", start, end);
                    NDArray xc = x.get(slice);
                    // ||x||^2 does not change the argmin, so it is added to the minimum only.
                    NDArray partial = xc.matMul(cT).add(cNorms);
                    NDArray nearest = partial.argMin(1);
                    NDArray best = partial.min(new int[] {1}).add(sqNorms.get(slice)).maximum(0f);
                    System.arraycopy(nearest.toType(DataType.INT32, false).toIntArray(), 0, labels, start, end - start);
                    System.arraycopy(best.toFloatArray(), 0, distances, start, end - start);
                    if (withSums) {
                        total.addi(nearest.oneHot(k, DataType.FLOAT32).transpose().matMul(xc));
                    }
                }
            }
            if (withSums) {
                sums = total.toFloatArray();
            }
        }
        return new Assignment(labels, distances, sums);
    }

    /**
     * The nearest centroid of every sample computed in float64 (ties to the lower index), so that final labels
     * agree with {@link KMeansResult#predict(float[])} up to double rounding.
     *
     * @param centroids {@code k x d} centroids
     * @return cluster index of every sample
     */
    int[] nearestInDouble(float[][] centroids) {
        int k = centroids.length;
        int[] labels = new int[n];
        double[] flat = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                flat[c * d + j] = centroids[c][j];
            }
        }
        try (NDScope scope = new NDScope()) {
            NDArray c = manager.create(flat, new Shape(k, d));
            NDArray cT = c.transpose().mul(-2.0);
            NDArray cNorms = c.square().sum(new int[] {1});
            int rows = rowsPerChunk(Math.max(k, d), Double.BYTES);
            for (int start = 0; start < n; start += rows) {
                int end = Math.min(n, start + rows);
                try (NDScope chunk = new NDScope()) {
                    NDArray xc = x.get(new NDIndex("{}:{}", start, end)).toType(DataType.FLOAT64, false);
                    NDArray nearest = xc.matMul(cT).add(cNorms).argMin(1);
                    System.arraycopy(nearest.toType(DataType.INT32, false).toIntArray(), 0, labels, start, end - start);
                }
            }
        }
        return labels;
    }

    /** Rows per chunk so that a chunk of {@code columns} values per row stays within the byte budget. */
    private int rowsPerChunk(int columns, int bytesPerValue) {
        long rows = chunkBytes / ((long) columns * bytesPerValue);
        return (int) Math.max(1, Math.min(n, rows));
    }

    private float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * d];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * d, d);
        }
        return flat;
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * Result of one assignment step.
     *
     * @param labels nearest centroid of each sample
     * @param distances squared distance of each sample to that centroid (float32 on the engine)
     * @param sums {@code k x d} per-cluster sums of the samples row by row, or null if not asked
     */
    record Assignment(int[] labels, float[] distances, float[] sums) {
    }
}
