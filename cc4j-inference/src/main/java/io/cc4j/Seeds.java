package io.cc4j;

import java.util.SplittableRandom;

/**
 * Derives independent seeds from one user seed with SplitMix64's finaliser, so that every random stream of a run
 * (each epoch's shuffle, each batch's augmentations, each k-means fit and reference data set of a K search)
 * depends only on the seed and what the stream is for: a resumed run replays exactly what an uninterrupted run
 * would have done, and the rows of a K search do not depend on which other values of K were tried.
 *
 * <p>The derivations are part of every run's repeatability: changing one changes every seeded result.
 */
public final class Seeds {
    /** SplitMix64's increment, the golden ratio in 64 bits: spreads consecutive inputs before they are mixed. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /**
     * A seed for one use of {@code seed}.
     *
     * @param seed the user's seed
     * @param parts what the seed is for (a purpose, an epoch, a batch, ...), in order: order matters
     * @return the finaliser folded over the seed and the parts
     */
    public static long derive(long seed, long... parts) {
        long h = mix(seed);
        for (long p : parts) {
            h = mix(h ^ mix(p + GOLDEN_GAMMA));
        }
        return h;
    }

    /**
     * SplitMix64's finaliser: a bijective 64-bit mix.
     *
     * @param z any value
     * @return its mix
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A seeded Fisher-Yates permutation.
     *
     * @param n its length
     * @param seed seed of the shuffle
     * @return a permutation of 0..n-1
     */
    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
