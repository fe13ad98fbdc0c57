package io.cc4j.inference;

/**
 * Cluster assignments of a set of images, in the order they were requested.
 *
 * @param indices dataset indices of the images
 * @param clusters cluster of each image, 0..K-1
 * @param confidence the largest cluster probability of each image (for k-means: 1 / (1 + distance))
 * @param probabilities n x K cluster probabilities, row-major, or null when not requested
 * @param k number of clusters
 * @param features n x featureDim features, row-major, or null when not requested
 * @param featureDim feature dimension (0 without features)
 */
public record Assignments(int[] indices, int[] clusters, float[] confidence, float[] probabilities, int k,
        float[] features, int featureDim) {
    /** Number of images. */
    public int size() {
        return clusters.length;
    }

    /** Images per cluster. */
    public int[] clusterSizes() {
        int[] sizes = new int[k];
        for (int c : clusters) {
            sizes[c]++;
        }
        return sizes;
    }

    /** A copy whose clusters and confidences come from another method (e.g. k-means) on the same images. */
    public Assignments withClusters(int[] newClusters, float[] newConfidence, int newK) {
        return new Assignments(indices, newClusters, newConfidence, null, newK, features, featureDim);
    }
}
