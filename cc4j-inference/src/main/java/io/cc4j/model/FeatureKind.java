package io.cc4j.model;

import io.cc4j.InvalidInputException;
import java.util.Locale;

/** Which representation of an image to export or to cluster with k-means. */
public enum FeatureKind {
    /** The instance head's L2-normalised output z (feature_dim, 128 by default). */
    INSTANCE,
    /** The backbone's pooled output h (rep_dim: 512 for ResNet-18/34, 2048 for ResNet-50). */
    BACKBONE;

    /** Parses "instance"/"ich" or "backbone". */
    public static FeatureKind of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "instance", "ich" -> INSTANCE;
            case "backbone" -> BACKBONE;
            default -> throw new InvalidInputException("unknown feature kind '" + name + "'; use instance or backbone");
        };
    }
}
