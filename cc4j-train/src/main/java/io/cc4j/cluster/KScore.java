package io.cc4j.cluster;

/**
 * The figures of one K in a search for the number of clusters. A criterion that was not computed (switched off,
 * or undefined at this K, such as the silhouette at K = 1) is {@code NaN}.
 *
 * @param k number of clusters
 * @param inertia k-means within-cluster sum of squared distances of the (normalised) features
 * @param silhouette mean cosine silhouette of the k-means labels
 * @param gap gap statistic {@code Gap(k)}
 * @param gapError its error {@code s_k = sd_k sqrt(1 + 1/B)}
 * @param stability mean pairwise ARI between seeded k-means runs
 * @param stabilitySd standard deviation of those pairwise ARI values
 * @param seconds wall-clock time spent on this K
 */
public record KScore(int k, double inertia, double silhouette, double gap, double gapError, double stability,
        double stabilitySd, double seconds) {

    /**
     * @param criterion a criterion
     * @return this K's value of it ({@code NaN} when not computed)
     */
    public double value(KCriterion criterion) {
        return switch (criterion) {
            case SILHOUETTE -> silhouette;
            case GAP -> gap;
            case STABILITY -> stability;
        };
    }
}
