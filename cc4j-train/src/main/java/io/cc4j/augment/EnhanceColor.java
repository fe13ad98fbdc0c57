package io.cc4j.augment;

/**
 * PIL's {@code ImageEnhance.Color(image).enhance(factor)}: a blend of each pixel with its own gray level,
 * {@code L = (19595 R + 38470 G + 7471 B + 32768) >> 16} (PIL's {@code convert("L")}, ITU-R 601-2 luma in
 * 16-bit fixed point), through {@code PilBlend}. TCL draws the factor in [0.05, 0.95), so colour only fades.
 * A one-channel image is its own gray level and stays unchanged. Exact on PIL's bytes (see
 * {@code ByteGrid}).
 */
public final class EnhanceColor {
    private EnhanceColor() {
    }

    /**
     * Adjusts the colour saturation in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels 1 or 3
     * @param plane pixels per channel
     * @param factor 0 gives the gray image, 1 the image, above 1 more saturated (clipped)
     */
    public static void apply(float[] img, int off, int channels, int plane, double factor) {
        if (channels == 1) {
            return;
        }
        if (channels != 3) {
            throw new IllegalArgumentException("colour enhancement needs 1 or 3 channels, got " + channels);
        }
        float f = (float) factor;
        int g0 = off + plane;
        int b0 = off + 2 * plane;
        for (int i = 0; i < plane; i++) {
            int r = ByteGrid.toByte(img[off + i]);
            int g = ByteGrid.toByte(img[g0 + i]);
            int b = ByteGrid.toByte(img[b0 + i]);
            int l = luma(r, g, b);
            img[off + i] = ByteGrid.toFloat(PilBlend.blend(l, r, f));
            img[g0 + i] = ByteGrid.toFloat(PilBlend.blend(l, g, f));
            img[b0 + i] = ByteGrid.toFloat(PilBlend.blend(l, b, f));
        }
    }

    /** PIL's RGB to L conversion of one pixel. */
    static int luma(int r, int g, int b) {
        return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }
}
