package io.cc4j.augment;

import io.cc4j.transform.Workspace;

/**
 * PIL's {@code ImageEnhance.Sharpness(image).enhance(factor)}: a blend with the image smoothed by PIL's
 * {@code ImageFilter.SMOOTH}, through {@code PilBlend}.
 *
 * <p>{@code SMOOTH} is the 3x3 kernel {@code [1 1 1; 1 5 1; 1 1 1] / 13}, evaluated as PIL's
 * {@code ImagingFilter3x3}: single-precision weights {@code 1f/13f} and {@code 5f/13f}, a sum started at
 * 0.5 (rounding) and accumulated row {@code y+1}, then {@code y}, then {@code y-1}, truncated to a byte; the
 * outermost rows and columns are copied unchanged, and an image narrower than 3 pixels is not filtered.
 * TCL draws the factor in [0.05, 0.95), so the strong view only ever softens. Exact on PIL's bytes (see
 * {@code ByteGrid}).
 */
public final class EnhanceSharpness {
    private static final float EDGE = 1f / 13f;
    private static final float CENTRE = 5f / 13f;

    private EnhanceSharpness() {
    }

    /**
     * Adjusts the sharpness in place.
     *
     * @param img planes from {@code off}
     * @param off first value
     * @param channels planes
     * @param height rows
     * @param width columns
     * @param factor 0 gives the smoothed image, 1 the image, above 1 sharper (clipped)
     * @param ws scratch buffers of the calling thread
     */
    public static void apply(float[] img, int off, int channels, int height, int width, double factor,
            Workspace ws) {
        int plane = height * width;
        int[] in = ws.bytes(plane);
        int[] smooth = ws.smoothed(plane);
        float f = (float) factor;
        for (int c = 0; c < channels; c++) {
            int base = off + c * plane;
            ByteGrid.quantise(img, base, plane, in);
            smooth(in, smooth, height, width);
            for (int i = 0; i < plane; i++) {
                img[base + i] = ByteGrid.toFloat(PilBlend.blend(smooth[i], in[i], f));
            }
        }
    }

    /** PIL's SMOOTH filter of one byte plane. */
    static void smooth(int[] in, int[] out, int height, int width) {
        System.arraycopy(in, 0, out, 0, height * width);
        if (height < 3 || width < 3) {
            return;
        }
        for (int y = 1; y < height - 1; y++) {
            int above = (y - 1) * width;
            int row = y * width;
            int below = (y + 1) * width;
            for (int x = 1; x < width - 1; x++) {
                float ss = 0.5f;
                ss += in[below + x - 1] * EDGE + in[below + x] * EDGE + in[below + x + 1] * EDGE;
                ss += in[row + x - 1] * EDGE + in[row + x] * CENTRE + in[row + x + 1] * EDGE;
                ss += in[above + x - 1] * EDGE + in[above + x] * EDGE + in[above + x + 1] * EDGE;
                out[row + x] = ss <= 0f ? 0 : (ss >= 255f ? 255 : (int) ss);
            }
        }
    }
}
