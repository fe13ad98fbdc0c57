package io.cc4j.model;

/**
 * The argmax of the cluster head for each image of a batch, with the winning probability as confidence: what
 * {@link ContrastiveModel#assign} returns. The dataset-level result, with indices and optional probabilities and
 * features, is {@code io.cc4j.inference.Assignments}.
 *
 * @param clusters cluster index per image, in [0, K)
 * @param confidence max_k y[i, k] per image, in [1/K, 1]
 */
public record ClusterArgmax(int[] clusters, float[] confidence) {
    /** @return number of images assigned */
    public int size() {
        return clusters.length;
    }
}
