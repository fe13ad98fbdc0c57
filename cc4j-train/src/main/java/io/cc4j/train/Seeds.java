package io.cc4j.train;

/**
 * Derives independent seeds from the run's one seed, so that each epoch's shuffle and each batch's
 * augmentations depend only on (seed, epoch, batch): a resumed run replays exactly what an uninterrupted
 * run would have done, whatever the thread count.
 */
public final class Seeds {
    private Seeds() {
    }

    /** SplitMix64 finaliser over the seed and the parts, in order. */
    public static long derive(long seed, long... parts) {
        long h = mix(seed);
        for (long p : parts) {
            h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A seeded Fisher-Yates permutation of 0..n-1. */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
