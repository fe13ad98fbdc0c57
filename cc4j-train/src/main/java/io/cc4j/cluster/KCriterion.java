package io.cc4j.cluster;

import java.util.Locale;

/**
 * A criterion for choosing the number of clusters K, in the order of preference used to break ties between
 * them (see {@link KEstimate#overallChoice}).
 */
public enum KCriterion {
    /** Mean cosine silhouette ({@link CosineSilhouette}); chosen K: the largest score. */
    SILHOUETTE,
    /** Gap statistic ({@link GapStatistic}); chosen K: Tibshirani's one-standard-error rule. */
    GAP,
    /** Mean pairwise ARI across seeded k-means runs ({@link SeedStability}); chosen K: the most stable. */
    STABILITY;

    /** @return the name used in JSON and tables, e.g. {@code "silhouette"} */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param key a name as returned by {@link #key()}, any case
     * @return the criterion
     */
    public static KCriterion ofKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
