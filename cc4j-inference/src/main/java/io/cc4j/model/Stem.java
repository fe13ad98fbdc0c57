package io.cc4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cc4j.InvalidInputException;
import java.util.Locale;

/** The first layers of the backbone, before the four residual stages. */
public enum Stem {
    /**
     * torchvision's stem, used by the official code at 224x224: 7x7 convolution stride 2 padding 3, BN, ReLU,
     * 3x3 max-pool stride 2 padding 1 (the input shrinks by 4).
     */
    IMAGENET,
    /** The usual stem for small images at native size: 3x3 convolution stride 1 padding 1, BN, ReLU, no pool. */
    CIFAR;

    /**
     * The stem that fits an image size when the user did not choose: the paper's ImageNet stem for images
     * of 128 pixels and more, the cheap CIFAR stem for smaller ones (which the ImageNet stem would shrink to a
     * few pixels).
     *
     * @param imageSize side of the (square) network input in pixels
     * @return the stem to use
     */
    public static Stem forImageSize(int imageSize) {
        return imageSize >= 128 ? IMAGENET : CIFAR;
    }

    /** @return the name used in configurations and on the command line: imagenet or cifar */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code imagenet} or {@code cifar} (any case).
     *
     * @param name the name given by a user
     * @return the stem
     * @throws InvalidInputException naming the value if it is not a known stem
     */
    @JsonCreator
    public static Stem parse(String name) {
        String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (Stem stem : values()) {
            if (stem.name().equals(key)) {
                return stem;
            }
        }
        throw new InvalidInputException("unknown stem '" + name + "' (expected imagenet or cifar)");
    }
}
