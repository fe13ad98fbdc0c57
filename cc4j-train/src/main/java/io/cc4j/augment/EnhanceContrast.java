package io.cc4j.augment;

/**
 * PIL's {@code ImageEnhance.Contrast(image).enhance(factor)}: a blend with a flat image of the mean gray
 * level, {@code int(mean(L) + 0.5)} where {@code L} is PIL's {@code convert("L")} (see
 * {@code EnhanceColor.luma}), through {@code PilBlend}. Unlike torchvision's tensor contrast (used by
 * {@link ColorJitter}) the mean is rounded to a byte and the blend truncates. Exact on PIL's bytes (see
 * {@code ByteGrid}).
 */
public final class EnhanceContrast {
    private EnhanceContrast() {
    }

    /**
     * Adjusts the contrast in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels 1 or 3
     * @param plane pixels per channel
     * @param factor 0 gives a flat gray image, 1 the image, above 1 more contrast (clipped)
     */
    public static void apply(float[] img, int off, int channels, int plane, double factor) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("contrast enhancement needs 1 or 3 channels, got " + channels);
        }
        long sum = 0;
        for (int i = 0; i < plane; i++) {
            sum += channels == 1 ? ByteGrid.toByte(img[off + i])
                    : EnhanceColor.luma(ByteGrid.toByte(img[off + i]), ByteGrid.toByte(img[off + plane + i]),
                            ByteGrid.toByte(img[off + 2 * plane + i]));
        }
        int mean = (int) ((double) sum / plane + 0.5);
        float f = (float) factor;
        int[] lut = new int[256];
        for (int b = 0; b < 256; b++) {
            lut[b] = PilBlend.blend(mean, b, f);
        }
        ByteGrid.applyLut(img, off, channels * plane, lut);
    }
}
