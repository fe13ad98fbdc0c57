package io.cc4j.augment;

/**
 * PIL's {@code ImageEnhance.Brightness(image).enhance(factor)}: a blend with a black image, so each byte
 * becomes {@code trunc(factor * b)} ({@code PilBlend}). TCL draws the factor in [0.05, 0.95), so the strong
 * view only ever darkens. Exact on PIL's bytes (see {@code ByteGrid}).
 */
public final class EnhanceBrightness {
    private EnhanceBrightness() {
    }

    /**
     * Scales the brightness in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param n values (all channels)
     * @param factor 0 gives black, 1 the image, above 1 brighter (clipped)
     */
    public static void apply(float[] img, int off, int n, double factor) {
        float f = (float) factor;
        int[] lut = new int[256];
        for (int b = 0; b < 256; b++) {
            lut[b] = PilBlend.blend(0, b, f);
        }
        ByteGrid.applyLut(img, off, n, lut);
    }
}
