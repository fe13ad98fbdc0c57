package io.cc4j.augment;

/**
 * PIL's {@code ImageOps.autocontrast(image)} with no cutoff: each channel is stretched linearly so that its
 * darkest byte becomes 0 and its lightest 255. The table is PIL's: {@code int(b * scale + offset)} with
 * {@code scale = 255 / (hi - lo)} and {@code offset = -lo * scale} in double precision, clipped to 0..255; a
 * channel with a single value is left alone. Exact on PIL's bytes (see {@code ByteGrid}).
 */
public final class AutoContrast {
    private AutoContrast() {
    }

    /**
     * Stretches each channel in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels planes
     * @param plane values per plane
     */
    public static void apply(float[] img, int off, int channels, int plane) {
        ByteGrid.mapEachChannel(img, off, channels, plane, AutoContrast::lut);
    }

    /** PIL's table for one band's histogram. */
    static int[] lut(int[] h) {
        int lo = 0;
        while (lo < 255 && h[lo] == 0) {
            lo++;
        }
        int hi = 255;
        while (hi > 0 && h[hi] == 0) {
            hi--;
        }
        if (hi <= lo) {
            return ByteGrid.identity();
        }
        int[] lut = new int[256];
        double scale = 255.0 / (hi - lo);
        double offset = -lo * scale;
        for (int b = 0; b < 256; b++) {
            int v = (int) (b * scale + offset); // Python's int(): truncation toward zero
            lut[b] = v < 0 ? 0 : Math.min(v, 255);
        }
        return lut;
    }
}
