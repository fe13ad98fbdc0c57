package io.cc4j.loss;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.cc4j.engine.EngineSupport;
import io.cc4j.engine.GraphConstants;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contrastive cross-entropy both CC losses share: given the similarity matrix S (2M x 2M) of M
 * items seen in two views (rows 0..M-1 view a, M..2M-1 view b), row i's positive is its partner
 * column (i + M mod 2M), its negatives are every other column except i itself, and the result is
 *
 * <pre>
 *   (1 / 2M) * sum_i [ -S[i, partner(i)] + log sum_{j != i} exp(S[i, j]) ]
 * </pre>
 *
 * <p>Computed as one log-softmax per row with the diagonal pushed to a large negative number (so its
 * exponential is exactly 0 and the log-sum-exp stays stable), then a pick of the partner column by a
 * one-hot mask. The two masks depend only on (M, device, data type) and are cached, so a training
 * step builds no mask. Not thread-safe for concurrent {@link #close()}; {@link #apply} is
 * synchronised only around the cache.
 */
final class PartnerCrossEntropy implements AutoCloseable {
    /** Cached entries kept: training uses one batch size, evaluation perhaps one more. */
    private static final int MAX_CACHED = 4;

    private final Map<Key, Masks> cache = new LinkedHashMap<>(8, 0.75f, true);
    private NDManager manager;

    /**
     * Returns the mean partner cross-entropy of a 2M x 2M similarity matrix, as a scalar.
     *
     * @param similarity S, already divided by the temperature
     * @return the scalar loss, attached to the manager of {@code similarity}
     */
    NDArray apply(NDArray similarity) {
        long rows = similarity.getShape().get(0);
        Masks masks = masks((int) rows, similarity.getDevice(), similarity.getDataType());
        try (NDArray masked = similarity.add(masks.self);
                NDArray logProbabilities = masked.logSoftmax(1);
                NDArray picked = logProbabilities.mul(masks.partner);
                NDArray total = picked.sum();
                NDArray minusRows = GraphConstants.scalar(total.getManager(), -(float) rows)) {
            // autograd keeps references to what backward needs; libtorch owns the masks and the divisor
            return total.div(minusRows);
        }
    }

    private synchronized Masks masks(int rows, Device device, DataType dataType) {
        Key key = new Key(rows, device, dataType);
        Masks masks = cache.get(key);
        if (masks == null) {
            if (manager == null) {
                manager = EngineSupport.engine().newBaseManager();
            }
            masks = Masks.build(manager, rows, device, dataType);
            cache.put(key, masks);
            if (cache.size() > MAX_CACHED) {
                Iterator<Masks> eldest = cache.values().iterator();
                eldest.next().close();
                eldest.remove();
            }
        }
        return masks;
    }

    /** Releases the cached masks; the object stays usable and rebuilds them on demand. */
    @Override
    public synchronized void close() {
        cache.values().forEach(Masks::close);
        cache.clear();
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }

    private record Key(int rows, Device device, DataType dataType) {
    }

    /**
     * The additive self mask (large negative on the diagonal) and the one-hot partner mask, owned by
     * their own sub-manager, with storage libtorch owns (see {@link GraphConstants}).
     */
    private record Masks(NDManager owner, NDArray self, NDArray partner) implements AutoCloseable {
        static Masks build(NDManager manager, int rows, Device device, DataType dataType) {
            int half = rows / 2;
            // finite, so 0 * (masked log-probability) stays 0; exp of it underflows to exactly 0
            float fill = dataType == DataType.FLOAT16 ? -3.0e4f : -1.0e9f;
            // built once per shape on the host (PyTorch's eye has no diagonal offset)
            float[] self = new float[rows * rows];
            float[] partner = new float[rows * rows];
            for (int i = 0; i < rows; i++) {
                self[i * rows + i] = fill;
                partner[i * rows + (i + half) % rows] = 1f;
            }
            Shape shape = new Shape(rows, rows);
            NDManager owner = manager.newSubManager(device);
            return new Masks(owner, upload(owner, self, shape, device, dataType),
                    upload(owner, partner, shape, device, dataType));
        }

        private static NDArray upload(NDManager owner, float[] data, Shape shape, Device device,
                DataType dataType) {
            return GraphConstants.copyOf(owner, data, shape).toDevice(device, false).toType(dataType, false);
        }

        @Override
        public void close() {
            owner.close();
        }
    }
}
