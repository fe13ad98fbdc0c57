package io.cc4j.augment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cc4j.InvalidInputException;
import java.util.Locale;

/**
 * What pair construction does to each image: the output size, the colour-jitter strength {@code s}, and
 * which of the five train-time augmentations are on (switching them off one by one is the paper's
 * augmentation ablation). Immutable; validated on construction; serialises to JSON as its components.
 *
 * <p>The parameters of each augmentation are the paper's and fixed: crop scale 0.08-1 and ratio 3/4-4/3,
 * flip p 0.5, jitter (0.8s, 0.8s, 0.8s, 0.2s) with p 0.8, grayscale p 0.2, blur kernel 23 with sigma
 * 0.1-2.0 and p 0.5.
 *
 * @param size output edge in pixels (views and test images are {@code size x size})
 * @param strength colour-jitter strength {@code s}, in [0, 2.5] (hue 0.2s must stay within 0.5)
 * @param crop RandomResizedCrop on; when off, the whole image is resized to {@code size x size}
 * @param flip horizontal flip on
 * @param jitter colour jitter on
 * @param grayscale random grayscale on
 * @param blur Gaussian blur on
 */
public record AugmentConfig(int size, double strength, boolean crop, boolean flip, boolean jitter,
        boolean grayscale, boolean blur) {
    /** Largest accepted output edge. */
    public static final int MAX_SIZE = 4096;
    /** Largest accepted strength: hue 0.2s must not exceed torchvision's bound of 0.5. */
    public static final double MAX_STRENGTH = 2.5;

    /** Validates every component, naming the value at fault. */
    @JsonCreator
    public AugmentConfig(@JsonProperty("size") int size, @JsonProperty("strength") double strength,
            @JsonProperty("crop") boolean crop, @JsonProperty("flip") boolean flip,
            @JsonProperty("jitter") boolean jitter, @JsonProperty("grayscale") boolean grayscale,
            @JsonProperty("blur") boolean blur) {
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("augmentation size " + size + " is out of range 1.." + MAX_SIZE);
        }
        if (!(strength >= 0 && strength <= MAX_STRENGTH)) {
            throw new InvalidInputException("augmentation strength " + strength + " is out of range 0.."
                    + MAX_STRENGTH);
        }
        this.size = size;
        this.strength = strength;
        this.crop = crop;
        this.flip = flip;
        this.jitter = jitter;
        this.grayscale = grayscale;
        this.blur = blur;
    }

    /** A builder with everything on, strength 0.5, blur off and size 32. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().setSize(size).optStrength(strength).optCrop(crop).optFlip(flip).optJitter(jitter)
                .optGrayscale(grayscale).optBlur(blur);
    }

    /**
     * The paper's settings for a dataset: CIFAR-10, CIFAR-100 and Tiny-ImageNet use s 0.5 without blur;
     * ImageNet-10 and ImageNet-Dogs s 1.0 with blur; STL-10 s 1.0 without blur. Fashion-MNIST (not in the
     * paper) uses s 0.5 without blur, like the other small-image datasets: a 23x23 blur kernel on a 28x28
     * image would wash out most of it, and since its grayscale images are replicated to three equal
     * channels, saturation and hue jitter are no-ops there anyway.
     *
     * @param dataset cifar10, cifar100, tiny-imagenet, imagenet10, imagenet-dogs, stl10 or fashion-mnist
     *     (case, '-' and '_' ignored)
     * @param size output edge in pixels
     * @return the preset with every augmentation switched on except blur where the paper has none
     * @throws InvalidInputException naming an unknown dataset
     */
    public static AugmentConfig preset(String dataset, int size) {
        String key = dataset == null ? "" : dataset.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        Builder b = builder().setSize(size);
        return switch (key) {
            case "cifar10", "cifar100", "tinyimagenet", "fashionmnist" -> b.optStrength(0.5).optBlur(false).build();
            case "imagenet10", "imagenetdogs" -> b.optStrength(1.0).optBlur(true).build();
            case "stl10" -> b.optStrength(1.0).optBlur(false).build();
            default -> throw new InvalidInputException("unknown augmentation preset '" + dataset
                    + "'; known: cifar10, cifar100, tiny-imagenet, imagenet10, imagenet-dogs, stl10, fashion-mnist");
        };
    }

    /** Builds an {@link AugmentConfig}; {@link #build()} validates. */
    public static final class Builder {
        private int size = 32;
        private double strength = 0.5;
        private boolean crop = true;
        private boolean flip = true;
        private boolean jitter = true;
        private boolean grayscale = true;
        private boolean blur;

        private Builder() {
        }

        /** Output edge in pixels. */
        public Builder setSize(int size) {
            this.size = size;
            return this;
        }

        /** Colour-jitter strength s. */
        public Builder optStrength(double strength) {
            this.strength = strength;
            return this;
        }

        /** RandomResizedCrop on or off. */
        public Builder optCrop(boolean on) {
            this.crop = on;
            return this;
        }

        /** Horizontal flip on or off. */
        public Builder optFlip(boolean on) {
            this.flip = on;
            return this;
        }

        /** Colour jitter on or off. */
        public Builder optJitter(boolean on) {
            this.jitter = on;
            return this;
        }

        /** Random grayscale on or off. */
        public Builder optGrayscale(boolean on) {
            this.grayscale = on;
            return this;
        }

        /** Gaussian blur on or off. */
        public Builder optBlur(boolean on) {
            this.blur = on;
            return this;
        }

        /** Validates and builds. */
        public AugmentConfig build() {
            return new AugmentConfig(size, strength, crop, flip, jitter, grayscale, blur);
        }
    }
}
