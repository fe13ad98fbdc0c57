package io.cc4j.augment;

import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomGrayscale(p=0.2)} on an RGB image: with probability p every channel becomes
 * the ITU-R 601-2 luma {@code 0.299 R + 0.587 G + 0.114 B} (PIL's "L" weights), so the three channels are
 * equal and the image stays three-channel.
 */
public final class RandomGrayscale {
    /** The paper's grayscale probability. */
    public static final double DEFAULT_P = 0.2;
    /** Luma weight of red. */
    public static final float R = 0.299f;
    /** Luma weight of green. */
    public static final float G = 0.587f;
    /** Luma weight of blue. */
    public static final float B = 0.114f;

    private final double p;

    /** Grayscale with probability 0.2. */
    public RandomGrayscale() {
        this(DEFAULT_P);
    }

    /** @param p probability in [0,1] */
    public RandomGrayscale(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("grayscale probability " + p + " is not in [0,1]");
        }
        this.p = p;
    }

    /**
     * Converts in place with probability p.
     *
     * @param img RGB planes from {@code off}
     * @param off first value
     * @param plane pixels per channel
     * @param rng source of randomness (one draw)
     * @return whether the image was converted
     */
    public boolean apply(float[] img, int off, int plane, RandomGenerator rng) {
        if (rng.nextDouble() < p) {
            toGrayscale(img, off, plane);
            return true;
        }
        return false;
    }

    /** Replaces the three channels by their luma, in place. */
    public static void toGrayscale(float[] img, int off, int plane) {
        int g0 = off + plane;
        int b0 = off + 2 * plane;
        for (int i = 0; i < plane; i++) {
            // The weights sum to 1 only up to float rounding; keep white at exactly 1.
            float l = Math.min(R * img[off + i] + G * img[g0 + i] + B * img[b0 + i], 1f);
            img[off + i] = l;
            img[g0 + i] = l;
            img[b0 + i] = l;
        }
    }
}
