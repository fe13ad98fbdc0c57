package io.cc4j.augment;

import io.cc4j.transform.ToTensor;
import java.util.function.UnaryOperator;

/**
 * The bridge between cc4j's float pixels and the bytes PIL works on, for the operations of TCL's strong view
 * (PIL's {@code ImageOps} and {@code ImageEnhance} compute on {@code uint8} and round or truncate to it).
 *
 * <p>A float {@code v} in [0,1] becomes the byte {@code round(255 v)} (half up, as PIL rounds a resampled
 * value), and a byte {@code b} becomes {@code b / 255f}, the exact quotient of {@link ToTensor}. Values
 * already on that grid survive the round trip unchanged, so a chain of byte operations gives exactly the
 * floats {@link ToTensor} would make of PIL's result.
 */
final class ByteGrid {
    private static final float[] FLOAT = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            FLOAT[b] = b / 255f;
        }
    }

    private ByteGrid() {
    }

    /** The byte PIL would hold for {@code v}: {@code round(255 v)} clamped to 0..255. */
    static int toByte(float v) {
        int b = Math.round(v * 255f);
        return b < 0 ? 0 : (b > 255 ? 255 : b);
    }

    /** {@code b / 255f} for a byte value 0..255. */
    static float toFloat(int b) {
        return FLOAT[b];
    }

    /** Quantises {@code n} values from {@code off} into {@code dst} from 0. */
    static void quantise(float[] img, int off, int n, int[] dst) {
        for (int i = 0; i < n; i++) {
            dst[i] = toByte(img[off + i]);
        }
    }

    /** Writes {@code n} bytes from {@code src} back as floats from {@code off}. */
    static void store(int[] src, float[] img, int off, int n) {
        for (int i = 0; i < n; i++) {
            img[off + i] = FLOAT[src[i]];
        }
    }

    /** The 256-bin histogram of one plane, as PIL's {@code Image.histogram} gives per band. */
    static int[] histogram(float[] img, int off, int n) {
        int[] h = new int[256];
        for (int i = 0; i < n; i++) {
            h[toByte(img[off + i])]++;
        }
        return h;
    }

    /**
     * Maps each channel through its own table, made from the channel's histogram: PIL's per-band {@code ImageOps}
     * operations (autocontrast, equalize).
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels planes
     * @param plane values per plane
     * @param tableOf the 256-entry table of bytes for a 256-bin histogram
     */
    static void mapEachChannel(float[] img, int off, int channels, int plane, UnaryOperator<int[]> tableOf) {
        for (int c = 0; c < channels; c++) {
            int base = off + c * plane;
            applyLut(img, base, plane, tableOf.apply(histogram(img, base, plane)));
        }
    }

    /** The table that leaves every byte as it is. */
    static int[] identity() {
        int[] lut = new int[256];
        for (int b = 0; b < 256; b++) {
            lut[b] = b;
        }
        return lut;
    }

    /** Maps one plane through a 256-entry table of bytes, clipping entries to 0..255 as PIL's point does. */
    static void applyLut(float[] img, int off, int n, int[] lut) {
        float[] table = new float[256];
        for (int b = 0; b < 256; b++) {
            int v = lut[b];
            table[b] = FLOAT[v < 0 ? 0 : (v > 255 ? 255 : v)];
        }
        for (int i = 0; i < n; i++) {
            img[off + i] = table[toByte(img[off + i])];
        }
    }
}
