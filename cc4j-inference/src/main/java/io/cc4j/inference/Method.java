package io.cc4j.inference;

/** How a predictor turns an image into a cluster. */
public enum Method {
    /** The paper's: argmax of the cluster head. */
    CLUSTER_HEAD,
    /** The paper's ablation: the nearest k-means centroid of the image's features ({@link Centroids}). */
    KMEANS
}
