package io.cc4j.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/**
 * The two augmented views of a batch of N images: one float array holding the block of view a
 * ({@code N x C x S x S}) followed by the block of view b, values in [0,1]. Row {@code i} of view a and
 * row {@code i} of view b come from the same image, the pair the contrastive losses treat as positive.
 */
public final class ViewBatch {
    private final int n;
    private final int channels;
    private final int size;
    private final float[] data;
    private final java.util.List<Skipped> skipped;

    /**
     * An image of the batch that could not be read, left out of the views.
     *
     * @param index its dataset index
     * @param id its name ({@link io.cc4j.data.ImageDataset#id})
     * @param reason why it could not be read
     */
    public record Skipped(int index, String id, String reason) {
    }

    /**
     * @param n images in the batch
     * @param channels channels per view
     * @param size edge of each view
     * @param data {@code 2 * n * channels * size * size} floats, view a block then view b block
     */
    public ViewBatch(int n, int channels, int size, float[] data) {
        this(n, channels, size, data, java.util.List.of());
    }

    /**
     * @param n images in the batch
     * @param channels channels per view
     * @param size edge of each view
     * @param data {@code 2 * n * channels * size * size} floats, view a block then view b block
     * @param skipped images of the requested batch that could not be read and are not among the {@code n}
     */
    public ViewBatch(int n, int channels, int size, float[] data, java.util.List<Skipped> skipped) {
        if (n < 0 || channels < 1 || size < 1) {
            throw new IllegalArgumentException("bad view batch shape n=" + n + " c=" + channels + " s=" + size);
        }
        long need = 2L * n * channels * size * size;
        if (data.length != need) {
            throw new IllegalArgumentException("view batch needs " + need + " floats, got " + data.length);
        }
        this.n = n;
        this.channels = channels;
        this.size = size;
        this.data = data;
        this.skipped = java.util.List.copyOf(skipped);
    }

    /** Images of the requested batch left out because they could not be read; empty normally. */
    public java.util.List<Skipped> skipped() {
        return skipped;
    }

    /** Images in the batch (the number of pairs). */
    public int n() {
        return n;
    }

    /** Channels of each view (3). */
    public int channels() {
        return channels;
    }

    /** Edge of each view in pixels. */
    public int size() {
        return size;
    }

    /** Floats per view: {@code channels * size * size}. */
    public int viewLength() {
        return channels * size * size;
    }

    /** Offset in {@link #data()} of the view of image {@code i} ({@code view} 0 for a, 1 for b). */
    public int offset(int i, int view) {
        return (view * n + i) * viewLength();
    }

    /** The backing array (not copied): view a block, then view b block. */
    public float[] data() {
        return data;
    }

    /**
     * Copies the views into an engine array of shape {@code (2N, C, S, S)}: rows {@code 0..N-1} are view
     * a, rows {@code N..2N-1} view b.
     *
     * @param manager owns the new array
     * @return the array
     */
    public NDArray toNDArray(NDManager manager) {
        return manager.create(FloatBuffer.wrap(data), new Shape(2L * n, channels, size, size));
    }
}
