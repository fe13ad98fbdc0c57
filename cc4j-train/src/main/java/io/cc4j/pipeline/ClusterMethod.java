package io.cc4j.pipeline;

import io.cc4j.InvalidInputException;
import java.util.Locale;

/** How images get their cluster. */
public enum ClusterMethod {
    /** The method itself: argmax of the cluster-level contrastive head. */
    HEAD,
    /** The paper's ablation "CCH replaced by k-means": k-means on instance-head (or backbone) features. */
    KMEANS;

    /** Parses "head"/"cch" or "kmeans". */
    public static ClusterMethod of(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "head", "cch" -> HEAD;
            case "kmeans", "k-means" -> KMEANS;
            default -> throw new InvalidInputException("unknown cluster method '" + s + "'; use head or kmeans");
        };
    }
}
