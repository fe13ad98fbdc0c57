package io.cc4j.model;

/**
 * Hard cluster assignments of a batch: the argmax of the cluster head for each image and the winning
 * probability as confidence.
 *
 * @param clusters cluster index per image, in [0, K)
 * @param confidence max_k y[i, k] per image, in [1/K, 1]
 */
public record Assignment(int[] clusters, float[] confidence) {
    /** @return number of images assigned */
    public int size() {
        return clusters.length;
    }
}
