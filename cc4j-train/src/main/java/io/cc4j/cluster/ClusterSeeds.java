package io.cc4j.cluster;

/**
 * The purposes a K search derives its seeds for ({@link io.cc4j.Seeds#derive}), so that each k-means fit,
 * reference data set and sample depends only on {@code (seed, purpose, k, ...)} and equal indices of different
 * uses do not collide.
 */
final class ClusterSeeds {
    static final long SAMPLE = 1;
    static final long FIT = 2;
    static final long GAP_REFERENCE = 3;
    static final long GAP_FIT = 4;
    static final long STABILITY_SUBSAMPLE = 5;
    static final long STABILITY_FIT = 6;

    private ClusterSeeds() {
    }
}
