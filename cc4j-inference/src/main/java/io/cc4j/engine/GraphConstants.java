package io.cc4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Constant arrays that an autograd graph may keep until its backward pass, with storage that libtorch owns.
 *
 * <p>DJL's PyTorch engine builds an array from Java data ({@code NDManager.create}) with {@code torch::from_blob}
 * over a Java direct buffer that libtorch does not own, and its {@code Number} overloads ({@code div(Number)},
 * {@code mul(Number)}, {@code maximum(Number)}, ...) create such a 0-d array, apply the operation and close it at
 * once. Autograd saves operands for backward: the divisor of a division, the other factor of a product, both sides of
 * a maximum. After the Java array is closed, a garbage collection lets the buffer's cleaner free that memory, and
 * backward reads whatever the allocator wrote there: glibc puts its free-list pointer in it, hence wrong or NaN
 * gradients in rare runs, decided by when the collector happened to run. The arrays made here are allocated by
 * libtorch and reference-counted, so closing the Java handle after use is safe whatever the graph still holds.
 * Code that builds a training graph uses these instead of {@code create} and the {@code Number} overloads.
 */
public final class GraphConstants {
    private GraphConstants() {
    }

    /**
     * A 0-d float32 array holding {@code value} (rounded to float, as DJL's {@code Number} overloads do).
     *
     * @param manager owns the new array
     * @param value the constant
     * @return the array, its storage owned by libtorch
     */
    public static NDArray scalar(NDManager manager, double value) {
        return manager.full(new Shape(), (float) value);
    }

    /**
     * A float array holding a copy of {@code values}.
     *
     * @param manager owns the new array
     * @param values the data, row-major
     * @param shape its shape
     * @return the array, its storage owned by libtorch
     */
    public static NDArray copyOf(NDManager manager, float[] values, Shape shape) {
        try (NDArray borrowed = manager.create(values, shape)) {
            return borrowed.duplicate();
        }
    }
}
