package io.cc4j.cluster;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.cc4j.engine.EngineSupport;

/**
 * The samples of one k-means fit held on the PyTorch engine, with the batched computations k-means needs.
 *
 * <p>Each sample is stored augmented as {@code [x, 1, ||x||^2]} ({@code n x (d+2)}, float32), so that one matrix
 * product with {@code [-2 c; ||c||^2; 1]} gives the squared distances {@code ||x||^2 - 2 x.c + ||c||^2} to all
 * centres, and one product of a one-hot matrix with it gives the cluster sums. Few, large engine operations
 * matter: on a busy machine every engine call pays a thread wake-up, so the small per-row work (argmin,
 * clamping at 0, bookkeeping) is done in Java on the fetched matrix.
 *
 * <p>Every {@code n x m} matrix is built in row chunks of at most {@code chunkBytes}, so large {@code n * k} does
 * not exhaust memory. Each call closes its temporaries through an {@link NDScope}; the augmented samples live in
 * a manager closed by {@link #close()}.
 */
final class EnginePoints implements AutoCloseable {
    /** Default size of one chunk of a distance or one-hot matrix. */
    static final long DEFAULT_CHUNK_BYTES = 256L << 20;

    private final NDManager manager;
    private final NDArray augmented;
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
     * @param chunkBytes largest chunk of an {@code n x m} matrix in bytes
     */
    EnginePoints(float[] data, int n, int d, long chunkBytes) {
        this.data = data;
        this.n = n;
        this.d = d;
        this.chunkBytes = chunkBytes;
        this.manager = EngineSupport.engine().newBaseManager();
        try (NDScope scope = new NDScope()) {
            NDArray x = manager.create(data, new Shape(n, d));
            NDArray sqNorms = x.square().sum(new int[] {1}, true);
            augmented = NDArrays.concat(new NDList(x, manager.ones(new Shape(n, 1)), sqNorms), 1);
            NDScope.unregister(augmented);
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
     * Squared distances of every sample to a few points (the k-means++ candidates), in float32.
     *
     * @param points {@code t x d} points
     * @return {@code t x n} squared distances, {@code [j][i]} for point {@code j} and sample {@code i}
     */
    float[][] squaredDistances(float[][] points) {
        int t = points.length;
        float[][] out = new float[t][n];
        try (NDScope scope = new NDScope()) {
            NDArray weights = manager.create(distanceWeights(points), new Shape(d + 2, t));
            int rows = rowsPerChunk(t, Float.BYTES);
            for (int start = 0; start < n; start += rows) {
                int end = Math.min(n, start + rows);
                try (NDScope chunk = new NDScope()) {
                    float[] values = augmented.get(new NDIndex("{}:{}", start, end)).matMul(weights).toFloatArray();
                    for (int i = start, o = 0; i < end; i++) {
                        for (int j = 0; j < t; j++, o++) {
                            out[j][i] = Math.max(0f, values[o]);
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The assignment step of Lloyd's algorithm in float32: the nearest centroid of every sample (ties to the lower
     * index) and its squared distance.
     *
     * @param centroids {@code k x d} centroids
     * @return labels and distances
     */
    Nearest assign(float[][] centroids) {
        int k = centroids.length;
        int[] labels = new int[n];
        float[] distances = new float[n];
        try (NDScope scope = new NDScope()) {
            NDArray weights = manager.create(distanceWeights(centroids), new Shape(d + 2, k));
            int rows = rowsPerChunk(k, Float.BYTES);
            for (int start = 0; start < n; start += rows) {
                int end = Math.min(n, start + rows);
                try (NDScope chunk = new NDScope()) {
                    float[] values = augmented.get(new NDIndex("{}:{}", start, end)).matMul(weights).toFloatArray();
                    for (int i = start, o = 0; i < end; i++, o += k) {
                        int best = 0;
                        float bestValue = values[o];
                        for (int c = 1; c < k; c++) {
                            if (values[o + c] < bestValue) {
                                bestValue = values[o + c];
                                best = c;
                            }
                        }
                        labels[i] = best;
                        distances[i] = Math.max(0f, bestValue);
                    }
                }
            }
        }
        return new Nearest(labels, distances);
    }

    /**
     * Per-cluster sums of the samples, as the product of the transposed one-hot label matrix with the samples
     * (float32 products, accumulated over chunks in double).
     *
     * @param labels cluster of every sample, in {@code 0..k-1}
     * @param k number of clusters
     * @return {@code k x d} sums
     */
    double[][] clusterSums(int[] labels, int k) {
        double[][] sums = new double[k][d];
        int rows = rowsPerChunk(k, Float.BYTES);
        for (int start = 0; start < n; start += rows) {
            int end = Math.min(n, start + rows);
            int m = end - start;
            // k x m one-hot, built row-major so that the product needs no transposed copy.
            float[] oneHotT = new float[k * m];
            for (int i = start; i < end; i++) {
                oneHotT[labels[i] * m + (i - start)] = 1f;
            }
            try (NDScope chunk = new NDScope()) {
                NDArray selector = manager.create(oneHotT, new Shape(k, m));
                float[] part = selector.matMul(augmented.get(new NDIndex("{}:{}", start, end))).toFloatArray();
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < d; j++) {
                        sums[c][j] += part[c * (d + 2) + j];
                    }
                }
            }
        }
        return sums;
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
        float[] single = distanceWeights(centroids);
        double[] weights64 = new double[single.length];
        for (int i = 0; i < single.length; i++) {
            weights64[i] = single[i];
        }
        // ||c||^2 again in double: the float32 row of the weights is rounded.
        for (int c = 0; c < k; c++) {
            double norm = 0;
            for (float v : centroids[c]) {
                norm += (double) v * v;
            }
            weights64[d * k + c] = norm;
        }
        try (NDScope scope = new NDScope()) {
            NDArray weights = manager.create(weights64, new Shape(d + 2, k));
            int rows = rowsPerChunk(Math.max(k, d + 2), Double.BYTES);
            for (int start = 0; start < n; start += rows) {
                int end = Math.min(n, start + rows);
                try (NDScope chunk = new NDScope()) {
                    double[] values = augmented.get(new NDIndex("{}:{}", start, end)).toType(DataType.FLOAT64, false)
                            .matMul(weights).toDoubleArray();
                    for (int i = start, o = 0; i < end; i++, o += k) {
                        int best = 0;
                        for (int c = 1; c < k; c++) {
                            if (values[o + c] < values[o + best]) {
                                best = c;
                            }
                        }
                        labels[i] = best;
                    }
                }
            }
        }
        return labels;
    }

    /**
     * The {@code (d+2) x t} matrix {@code [-2 p^T; ||p||^2; 1]} whose product with an augmented sample gives its
     * squared distance to every point.
     */
    private float[] distanceWeights(float[][] points) {
        int t = points.length;
        float[] w = new float[(d + 2) * t];
        for (int c = 0; c < t; c++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                float v = points[c][j];
                w[j * t + c] = -2f * v;
                norm += (double) v * v;
            }
            w[d * t + c] = (float) norm;
            w[(d + 1) * t + c] = 1f;
        }
        return w;
    }

    /** Rows per chunk so that a chunk of {@code columns} values per row stays within the byte budget. */
    private int rowsPerChunk(int columns, int bytesPerValue) {
        long rows = chunkBytes / ((long) columns * bytesPerValue);
        return (int) Math.max(1, Math.min(n, rows));
    }

    @Override
    public void close() {
        manager.close();
    }

    /**
     * The nearest centroid of each sample and its squared distance: the result of one assignment step.
     *
     * @param labels nearest centroid of each sample
     * @param distances squared distance of each sample to that centroid (float32 on the engine)
     */
    record Nearest(int[] labels, float[] distances) {
    }
}
