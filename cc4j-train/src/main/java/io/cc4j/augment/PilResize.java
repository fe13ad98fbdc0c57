package io.cc4j.augment;

import io.cc4j.transform.BilinearResampler;
import io.cc4j.transform.CropBox;
import io.cc4j.transform.ResampleFilter;
import io.cc4j.transform.Resize;
import io.cc4j.transform.ToTensor;
import io.cc4j.transform.Workspace;

/**
 * PIL's 8-bit {@code Image.resize} (as torchvision's {@code Resize} calls it on a PIL image), reproduced bit
 * for bit: the weights of {@code precompute_coeffs} ({@link BilinearResampler}) turned into 22-bit fixed
 * point rounded away from zero, a horizontal pass over bytes rounded half up and clipped to a byte, then the
 * vertical pass the same way.
 *
 * <p>TCL's strong view uses it for its first step, so that the bytes its operations see are PIL's own: the
 * float resize of {@link BilinearResampler} differs from PIL by rounding only (about a fifth of a byte step
 * on average), but equalization and posterization can turn a one-step difference of a near-black pixel into
 * a large one. The input is taken at its nearest byte (exact for images from {@link ToTensor}); the output
 * is on the byte grid.
 */
final class PilResize {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);

    private PilResize() {
    }

    /**
     * Resamples rectangle {@code box} of every channel to {@code outH x outW} as PIL resizes the cropped image.
     *
     * @param src source planes, {@code channels x srcH x srcW} from {@code srcOff}
     * @param srcOff offset of the first source value
     * @param channels planes
     * @param srcH source rows
     * @param srcW source columns
     * @param box the source rectangle, inside the image
     * @param dst destination, {@code channels x outH x outW} from {@code dstOff}
     * @param dstOff offset of the first destination value
     * @param outH output rows
     * @param outW output columns
     * @param filter the kernel
     * @param ws scratch buffers of the calling thread
     */
    static void resize(float[] src, int srcOff, int channels, int srcH, int srcW, CropBox box, float[] dst,
            int dstOff, int outH, int outW, ResampleFilter filter, Workspace ws) {
        int[] xs = new int[outW];
        int[] xc = new int[outW];
        int[] xk = fixed(BilinearResampler.coefficients(box.left(), box.width(), outW, filter, xs, xc));
        int xStride = BilinearResampler.stride(box.width(), outW, filter);
        int[] ys = new int[outH];
        int[] yc = new int[outH];
        int[] yk = fixed(BilinearResampler.coefficients(0, box.height(), outH, filter, ys, yc));
        int yStride = BilinearResampler.stride(box.height(), outH, filter);
        int rows = box.height();
        int[] tmp = ws.bytes(rows * outW);
        for (int c = 0; c < channels; c++) {
            int plane = srcOff + c * srcH * srcW;
            for (int r = 0; r < rows; r++) {
                int row = plane + (box.top() + r) * srcW;
                for (int x = 0; x < outW; x++) {
                    int ss = HALF;
                    for (int t = 0; t < xc[x]; t++) {
                        ss += ByteGrid.toByte(src[row + xs[x] + t]) * xk[x * xStride + t];
                    }
                    tmp[r * outW + x] = clip8(ss);
                }
            }
            int out = dstOff + c * outH * outW;
            for (int y = 0; y < outH; y++) {
                for (int x = 0; x < outW; x++) {
                    int ss = HALF;
                    for (int t = 0; t < yc[y]; t++) {
                        ss += tmp[(ys[y] + t) * outW + x] * yk[y * yStride + t];
                    }
                    dst[out + y * outW + x] = ByteGrid.toFloat(clip8(ss));
                }
            }
        }
    }

    /** PIL's {@code normalize_coeffs_8bpc}: 22-bit fixed point, rounded half away from zero. */
    private static int[] fixed(double[] w) {
        int[] k = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            double v = w[i] * (1 << PRECISION_BITS);
            k[i] = (int) (w[i] < 0 ? -0.5 + v : 0.5 + v);
        }
        return k;
    }

    /** PIL's resampling {@code clip8}: the fixed-point sum shifted down and clamped to a byte. */
    private static int clip8(int ss) {
        int v = ss >> PRECISION_BITS;
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
