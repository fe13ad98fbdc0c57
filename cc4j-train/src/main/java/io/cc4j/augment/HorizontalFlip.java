package io.cc4j.augment;

import java.util.random.RandomGenerator;

/** torchvision's {@code RandomHorizontalFlip(p=0.5)}: mirrors the columns of every plane with probability p. */
public final class HorizontalFlip {
    /** The paper's flip probability. */
    public static final double DEFAULT_P = 0.5;

    private final double p;

    /** Flip with probability 0.5. */
    public HorizontalFlip() {
        this(DEFAULT_P);
    }

    /** @param p flip probability in [0,1] */
    public HorizontalFlip(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("flip probability " + p + " is not in [0,1]");
        }
        this.p = p;
    }

    /**
     * Flips in place with probability p.
     *
     * @param img planes {@code channels x height x width} from {@code off}
     * @param off first value
     * @param channels planes
     * @param height rows
     * @param width columns
     * @param rng source of randomness (one draw)
     * @return whether the image was flipped
     */
    public boolean apply(float[] img, int off, int channels, int height, int width, RandomGenerator rng) {
        if (rng.nextDouble() < p) {
            flip(img, off, channels, height, width);
            return true;
        }
        return false;
    }

    /** Mirrors the columns of every row of every plane, in place. */
    public static void flip(float[] img, int off, int channels, int height, int width) {
        int rows = channels * height;
        for (int r = 0; r < rows; r++) {
            int a = off + r * width;
            int b = a + width - 1;
            while (a < b) {
                float t = img[a];
                img[a++] = img[b];
                img[b--] = t;
            }
        }
    }
}
