package io.cc4j.inference;

import io.cc4j.InvalidInputException;
import java.util.Locale;

/** How an image gets its cluster: from the cluster head, or from the nearest k-means centroid of its features. */
public enum AssignmentMethod {
    /** The method itself: argmax of the cluster-level contrastive head. */
    CLUSTER_HEAD,
    /**
     * The paper's ablation "CCH replaced by k-means": the nearest k-means centroid of the image's instance-head (or
     * backbone) features ({@link Centroids}).
     */
    KMEANS;

    /**
     * Parses a method's name as users write it.
     *
     * @param s "head" or "cch" for {@link #CLUSTER_HEAD}, "kmeans" or "k-means" for {@link #KMEANS}, in any case
     * @return the method
     * @throws InvalidInputException naming the value when it is none of these
     */
    public static AssignmentMethod of(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "head", "cch" -> CLUSTER_HEAD;
            case "kmeans", "k-means" -> KMEANS;
            default -> throw new InvalidInputException("unknown cluster method '" + s + "'; use head or kmeans");
        };
    }
}
