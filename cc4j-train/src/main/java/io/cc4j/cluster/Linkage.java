package io.cc4j.cluster;

/**
 * How agglomerative clustering measures the distance between two groups from the distances between their
 * members (updated by the Lance-Williams formulas).
 */
public enum Linkage {
    /**
     * The mean of all member-to-member distances (UPGMA). The default for merging clusters: one odd member moves
     * a group's distance by its share only, so groups of similar prototypes join first without chaining.
     */
    AVERAGE,
    /** The largest member-to-member distance: merges only groups whose members are all close; compact groups. */
    COMPLETE,
    /** The smallest member-to-member distance: tends to chain; offered for comparison. */
    SINGLE
}
