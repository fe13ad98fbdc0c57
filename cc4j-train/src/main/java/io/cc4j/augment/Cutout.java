package io.cc4j.augment;

import io.cc4j.transform.CropBox;
import java.util.random.RandomGenerator;

/**
 * TCL's {@code Cutout(n_holes=1, length=75)}, the last step of its strong view: one square hole of a random
 * side, at a random centre, filled with a constant colour.
 *
 * <p>Draws as TCL does: the side {@code L} uniformly in {@code 1..maxLength}, then the centre row
 * {@code y} in {@code 0..h-1} and column {@code x} in {@code 0..w-1}; the hole is rows
 * {@code [y - L/2, y + L/2)} and columns {@code [x - L/2, x + L/2)} (integer halves) clipped to the image.
 * So an odd side cuts {@code L - 1} pixels and a side of 1 cuts nothing, as in TCL.
 *
 * <p>TCL multiplies the normalised tensor by the mask, so the hole holds 0 after normalisation, which is the
 * normalisation mean before it. cc4j does not normalise, so the hole is filled with that mean colour
 * directly ({@link StrongAugmentation#CUTOUT_FILL}). TCL's side of 75 pixels is for 224-pixel images;
 * {@link #maxLengthFor} scales it to other sizes.
 */
public final class Cutout {
    /** TCL's largest side, for a 224-pixel image. */
    public static final int TCL_LENGTH = 75;
    /** The image size TCL's side is meant for. */
    public static final int TCL_SIZE = 224;

    private final int maxLength;
    private final float[] fill;

    /**
     * @param maxLength largest side in pixels, at least 1
     * @param fill the colour of the hole, one value per channel in [0,1] (copied)
     */
    public Cutout(int maxLength, float[] fill) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("cutout length " + maxLength + " must be at least 1");
        }
        for (float v : fill) {
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("cutout fill " + v + " is not in [0,1]");
            }
        }
        this.maxLength = maxLength;
        this.fill = fill.clone();
    }

    /**
     * The largest side for an image of {@code size} pixels: {@code round(length * size / 224)}, at least 1.
     *
     * @param length largest side at 224 pixels (TCL: 75)
     * @param size image edge in pixels
     * @return the scaled side
     */
    public static int maxLengthFor(int length, int size) {
        return Math.max(1, (int) Math.round((double) length * size / TCL_SIZE));
    }

    /** Largest side in pixels. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Draws a hole and fills it in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels planes, at most the number of fill values
     * @param height rows
     * @param width columns
     * @param rng source of randomness (three draws)
     * @return the hole (possibly empty)
     */
    public CropBox apply(float[] img, int off, int channels, int height, int width, RandomGenerator rng) {
        int length = 1 + rng.nextInt(maxLength);
        int y = rng.nextInt(height);
        int x = rng.nextInt(width);
        CropBox hole = hole(length, y, x, height, width);
        fill(img, off, channels, height, width, hole);
        return hole;
    }

    /** The clipped hole of side {@code length} centred at {@code (y, x)}, as TCL computes it. */
    static CropBox hole(int length, int y, int x, int height, int width) {
        int half = length / 2;
        int y1 = clip(y - half, height);
        int y2 = clip(y + half, height);
        int x1 = clip(x - half, width);
        int x2 = clip(x + half, width);
        return new CropBox(y1, x1, y2 - y1, x2 - x1);
    }

    private void fill(float[] img, int off, int channels, int height, int width, CropBox hole) {
        if (channels > fill.length) {
            throw new IllegalArgumentException("cutout has " + fill.length + " fill values for " + channels
                    + " channels");
        }
        for (int c = 0; c < channels; c++) {
            int base = off + c * height * width;
            for (int r = hole.top(); r < hole.top() + hole.height(); r++) {
                int row = base + r * width;
                java.util.Arrays.fill(img, row + hole.left(), row + hole.left() + hole.width(), fill[c]);
            }
        }
    }

    private static int clip(int v, int n) {
        return v < 0 ? 0 : Math.min(v, n);
    }
}
