package io.cc4j.model.store;

import java.util.Arrays;

/**
 * One NumPy array as cc4j stores weights: float32 values (parameters, BatchNorm statistics) or int64 values
 * (BatchNorm's {@code num_batches_tracked}), a shape (empty for a scalar) and the values in C order.
 * Immutable: the arrays given and returned are copies.
 *
 * <p>An array of any other element type is read as {@link Type#OTHER}: its type string and shape without
 * values, so that an import can list it among everything else that does not fit instead of stopping at it.
 */
public final class NpyArray {
    /** The element types cc4j reads and writes, with NumPy's little-endian type strings. */
    public enum Type {
        /** {@code <f4}. */
        FLOAT32("<f4", "float32"),
        /** {@code <i8}. */
        INT64("<i8", "int64"),
        /** Any other type string (e.g. {@code <f8}); such an array holds no values. */
        OTHER("", "other");

        private final String descr;
        private final String label;

        Type(String descr, String label) {
            this.descr = descr;
            this.label = label;
        }

        /** @return NumPy's type string, e.g. {@code <f4} */
        public String descr() {
            return descr;
        }

        /** @return the NumPy dtype name, e.g. {@code float32} */
        @Override
        public String toString() {
            return label;
        }
    }

    private final Type type;
    private final String descr;
    private final long[] shape;
    private final float[] floats;
    private final long[] longs;

    private NpyArray(Type type, long[] shape, float[] floats, long[] longs) {
        this(type, type.descr(), shape, floats, longs);
    }

    private NpyArray(Type type, String descr, long[] shape, float[] floats, long[] longs) {
        long size = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            size = Math.multiplyExact(size, d);
        }
        int length = floats != null ? floats.length : longs != null ? longs.length : (int) size;
        if (size != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + size
                    + " values, got " + length);
        }
        this.type = type;
        this.descr = descr;
        this.shape = shape.clone();
        this.floats = floats == null ? null : floats.clone();
        this.longs = longs == null ? null : longs.clone();
    }

    /**
     * @param shape dimensions, C order
     * @param values as many values as the shape holds
     * @return a float32 array
     */
    public static NpyArray ofFloats(long[] shape, float[] values) {
        return new NpyArray(Type.FLOAT32, shape, values, null);
    }

    /**
     * @param shape dimensions, C order
     * @param values as many values as the shape holds
     * @return an int64 array
     */
    public static NpyArray ofLongs(long[] shape, long[] values) {
        return new NpyArray(Type.INT64, shape, null, values);
    }

    /**
     * @param value the value
     * @return an int64 scalar (shape {@code ()}), as PyTorch stores {@code num_batches_tracked}
     */
    public static NpyArray scalar(long value) {
        return ofLongs(new long[0], new long[] {value});
    }

    /**
     * @param descr NumPy's type string, e.g. {@code <f8}
     * @param shape dimensions
     * @return an array of a type cc4j does not read, without values
     */
    public static NpyArray unsupported(String descr, long[] shape) {
        return new NpyArray(Type.OTHER, descr, shape, null, null);
    }

    /** @return the element type */
    public Type type() {
        return type;
    }

    /** @return NumPy's type string, e.g. {@code <f4} */
    public String descr() {
        return descr;
    }

    /** @return the dtype as a user reads it: {@code float32}, {@code int64}, or the type string of another */
    public String typeName() {
        return type == Type.OTHER ? "'" + descr + "'" : type.toString();
    }

    /** @return a copy of the dimensions (empty for a scalar) */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of values */
    public int size() {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        return (int) size;
    }

    /**
     * @return a copy of the values
     * @throws IllegalStateException if the array is not float32
     */
    public float[] floats() {
        if (floats == null) {
            throw new IllegalStateException("array is " + type + ", not float32");
        }
        return floats.clone();
    }

    /**
     * @return a copy of the values
     * @throws IllegalStateException if the array is not int64
     */
    public long[] longs() {
        if (longs == null) {
            throw new IllegalStateException("array is " + type + ", not int64");
        }
        return longs.clone();
    }

    /** Package-private view without copying, for the encoder. */
    float[] floatsView() {
        return floats;
    }

    long[] longsView() {
        return longs;
    }

    /**
     * @param dims dimensions
     * @return the shape as PyTorch prints it in lists, e.g. {@code [8, 3, 3, 3]} or {@code []}
     */
    public static String describe(long[] dims) {
        return Arrays.toString(dims);
    }

    /** @return equal type, shape and bit-identical values */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NpyArray other)) {
            return false;
        }
        return type == other.type && descr.equals(other.descr) && Arrays.equals(shape, other.shape)
                && Arrays.equals(longs, other.longs)
                && floatBitsEqual(floats, other.floats);
    }

    private static boolean floatBitsEqual(float[] a, float[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * descr.hashCode() + Arrays.hashCode(shape)) + size();
    }

    @Override
    public String toString() {
        return typeName() + describe(shape);
    }
}
