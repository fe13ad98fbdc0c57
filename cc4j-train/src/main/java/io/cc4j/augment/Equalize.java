package io.cc4j.augment;

/**
 * PIL's {@code ImageOps.equalize(image)}: per channel, a table that spreads the cumulative histogram evenly.
 * With {@code step = (N - count of the last used byte) / 255} (integer division) the byte {@code b} maps to
 * {@code (step / 2 + count of bytes below b) / step}; a channel with one value, or with {@code step = 0},
 * is left alone. Entries above 255 are clipped, as PIL's {@code point} does. Exact on PIL's bytes (see
 * {@code ByteGrid}).
 */
public final class Equalize {
    private Equalize() {
    }

    /**
     * Equalizes each channel in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels planes
     * @param plane values per plane
     */
    public static void apply(float[] img, int off, int channels, int plane) {
        ByteGrid.mapEachChannel(img, off, channels, plane, Equalize::lut);
    }

    /** PIL's table for one band's histogram. */
    static int[] lut(int[] h) {
        int used = 0;
        long total = 0;
        int last = 0;
        for (int b = 0; b < 256; b++) {
            if (h[b] != 0) {
                used++;
                total += h[b];
                last = h[b];
            }
        }
        long step = used <= 1 ? 0 : (total - last) / 255;
        if (step == 0) {
            return ByteGrid.identity();
        }
        int[] lut = new int[256];
        long n = step / 2;
        for (int b = 0; b < 256; b++) {
            lut[b] = (int) Math.min(n / step, 255);
            n += h[b];
        }
        return lut;
    }
}
