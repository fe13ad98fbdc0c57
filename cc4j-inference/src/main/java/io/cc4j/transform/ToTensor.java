package io.cc4j.transform;

import io.cc4j.data.RawImage;

/**
 * torchvision's {@code ToTensor}: unsigned bytes to floats in [0,1] ({@code v / 255}), keeping the planar
 * CHW order of {@link RawImage}.
 *
 * <p>Grayscale images (one channel, e.g. Fashion-MNIST) become three equal channels
 * ({@link #replicateToRgb}) after resizing, so colour jitter, random grayscale and the three-channel ResNet
 * apply unchanged; on such images saturation and hue jitter are no-ops, as for any gray RGB image.
 */
public final class ToTensor {
    /** {@code v / 255f} for every byte value, the exact quotient torchvision computes. */
    private static final float[] LUT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            LUT[v] = v / 255f;
        }
    }

    private ToTensor() {
    }

    /** Converts a whole image to a new float array of the same shape. */
    public static float[] apply(RawImage img) {
        float[] out = new float[img.pixels().length];
        apply(img, out);
        return out;
    }

    /**
     * Converts into {@code dst} from offset 0.
     *
     * @param img source image
     * @param dst at least {@code channels * height * width} floats
     */
    public static void apply(RawImage img, float[] dst) {
        byte[] p = img.pixels();
        for (int i = 0; i < p.length; i++) {
            dst[i] = LUT[p[i] & 0xFF];
        }
    }

    /** Copies plane 0 of an image of {@code plane} pixels per channel at {@code off} onto planes 1 and 2. */
    public static void replicateToRgb(float[] img, int off, int plane) {
        System.arraycopy(img, off, img, off + plane, plane);
        System.arraycopy(img, off, img, off + 2 * plane, plane);
    }
}
