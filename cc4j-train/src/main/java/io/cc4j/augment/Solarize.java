package io.cc4j.augment;

/**
 * PIL's {@code ImageOps.solarize(image, threshold)}: every byte {@code b} with {@code b >= threshold}
 * becomes {@code 255 - b}, per channel. TCL draws the threshold uniformly in [0, 256), so 0 inverts
 * everything and values above 255 change nothing. Exact on PIL's bytes (see {@code ByteGrid}).
 */
public final class Solarize {
    private Solarize() {
    }

    /**
     * Solarizes in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param n values (all channels)
     * @param threshold bytes at or above it are inverted; compared as a real number, as PIL does
     */
    public static void apply(float[] img, int off, int n, double threshold) {
        int[] lut = new int[256];
        for (int b = 0; b < 256; b++) {
            lut[b] = b < threshold ? b : 255 - b;
        }
        ByteGrid.applyLut(img, off, n, lut);
    }
}
