package io.cc4j.cluster;

/**
 * Derives independent seeds from one user seed, so that each k-means fit, reference data set and sample of a
 * K search depends only on {@code (seed, purpose, k, ...)}: the rows of a search do not depend on which other
 * values of K were tried or in what order.
 */
final class ClusterSeeds {
    /** Purposes, mixed into the derived seeds so that equal indices of different uses do not collide. */
    static final long SAMPLE = 1;
    static final long FIT = 2;
    static final long GAP_REFERENCE = 3;
    static final long GAP_FIT = 4;
    static final long STABILITY_SUBSAMPLE = 5;
    static final long STABILITY_FIT = 6;

    private ClusterSeeds() {
    }

    /** SplitMix64's finaliser over the seed and the parts, in order. */
    static long derive(long seed, long... parts) {
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
}
