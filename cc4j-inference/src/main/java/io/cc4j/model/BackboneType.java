package io.cc4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cc4j.InvalidInputException;
import java.util.Locale;

/**
 * The ResNet variants of the paper, with torchvision's layer shapes (v1.5: the stride of a bottleneck sits on
 * its 3x3 convolution).
 */
public enum BackboneType {
    /** ResNet-18: basic blocks [2, 2, 2, 2], representation dimension 512. */
    RESNET18(new int[] {2, 2, 2, 2}, false),
    /** ResNet-34: basic blocks [3, 4, 6, 3], representation dimension 512 (the official default). */
    RESNET34(new int[] {3, 4, 6, 3}, false),
    /** ResNet-50: bottleneck blocks [3, 4, 6, 3], representation dimension 2048. */
    RESNET50(new int[] {3, 4, 6, 3}, true);

    /** Bottleneck units widen their output by this factor (torchvision's {@code expansion}). */
    static final int BOTTLENECK_EXPANSION = 4;

    private final int[] units;
    private final boolean bottleneck;

    BackboneType(int[] units, boolean bottleneck) {
        this.units = units;
        this.bottleneck = bottleneck;
    }

    /**
     * @param stage stage index 0..3
     * @return the number of residual units in that stage
     */
    public int units(int stage) {
        return units[stage];
    }

    /** @return true for bottleneck units (1x1, 3x3, 1x1), false for basic units (3x3, 3x3) */
    public boolean bottleneck() {
        return bottleneck;
    }

    /** @return the dimension of the pooled representation h: 512, or 2048 for ResNet-50 */
    public int representationDim() {
        return representationDim(ResNetBackbone.DEFAULT_WIDTH);
    }

    /**
     * @param width channels of the first stage (64 in torchvision)
     * @return the dimension of h for that width: 8 x width, times 4 for bottleneck networks
     */
    public int representationDim(int width) {
        return bottleneck ? 8 * width * BOTTLENECK_EXPANSION : 8 * width;
    }

    /** @return the name used in configurations and on the command line: resnet18, resnet34 or resnet50 */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a name such as {@code resnet18}, {@code ResNet-34} or {@code RESNET50}.
     *
     * @param name the name given by a user
     * @return the backbone type
     * @throws InvalidInputException naming the value if it is not a known backbone
     */
    @JsonCreator
    public static BackboneType parse(String name) {
        String key = name == null ? "" : name.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (BackboneType type : values()) {
            if (type.name().equals(key)) {
                return type;
            }
        }
        throw new InvalidInputException(
                "unknown backbone '" + name + "' (expected resnet18, resnet34 or resnet50)");
    }
}
