package io.cc4j.testing;

import io.cc4j.data.RawImage;
import java.util.SplittableRandom;

/** Small random images and pixel planes for the transform and augmentation tests. */
public final class TestImages {
    private TestImages() {
    }

    /** Random float planes in [0,1]. */
    public static float[] randomFloats(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble();
        }
        return a;
    }

    /** A random byte image. */
    public static RawImage randomImage(int c, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] p = new byte[c * h * w];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) r.nextInt(256);
        }
        return new RawImage(c, h, w, p);
    }

    /**
     * The synthetic images of the PIL golden files (resources {@code io/cc4j/augment/pil/make_golden.py},
     * function {@code synthetic}): a wrapped ramp plus noise from a 31-bit linear congruential generator,
     * values in {@code [lo, lo + span)}, planar.
     */
    public static RawImage synthetic(long seed, int channels, int height, int width, int lo, int span) {
        long state = seed;
        byte[] p = new byte[channels * height * width];
        int i = 0;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    state = (state * 1103515245L + 12345L) & 0x7FFFFFFFL;
                    long noise = (state >> 16) % 24;
                    p[i++] = (byte) (lo + (3 * x + 5 * y + 40 * c + (x * y) / 4 + noise) % span);
                }
            }
        }
        return new RawImage(channels, height, width, p);
    }
}
