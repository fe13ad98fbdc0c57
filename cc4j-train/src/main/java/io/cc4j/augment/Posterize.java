package io.cc4j.augment;

/**
 * PIL's {@code ImageOps.posterize(image, bits)}: keeps the {@code bits} most significant bits of every byte
 * ({@code b & ~(2^(8 - bits) - 1)}). TCL draws {@code int(uniform(4, 8))}, so 4 to 7 bits. Exact on PIL's
 * bytes (see {@code ByteGrid}).
 */
public final class Posterize {
    private Posterize() {
    }

    /**
     * Posterizes in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param n values (all channels)
     * @param bits bits kept, 0..8 (8 changes nothing)
     */
    public static void apply(float[] img, int off, int n, int bits) {
        if (bits < 0 || bits > 8) {
            throw new IllegalArgumentException("posterize bits " + bits + " is not in 0..8");
        }
        int mask = ~((1 << (8 - bits)) - 1);
        int[] lut = new int[256];
        for (int b = 0; b < 256; b++) {
            lut[b] = b & mask;
        }
        ByteGrid.applyLut(img, off, n, lut);
    }
}
