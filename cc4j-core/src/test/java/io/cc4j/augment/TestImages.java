package io.cc4j.augment;

import io.cc4j.data.RawImage;
import java.util.SplittableRandom;

/** Small random images and pixel planes for the augmentation tests. */
final class TestImages {
    private TestImages() {
    }

    /** Random float planes in [0,1]. */
    static float[] randomFloats(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextDouble();
        }
        return a;
    }

    /** A random byte image. */
    static RawImage randomImage(int c, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] p = new byte[c * h * w];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) r.nextInt(256);
        }
        return new RawImage(c, h, w, p);
    }
}
