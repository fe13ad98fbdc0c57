package io.cc4j.augment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cc4j.InvalidInputException;
import io.cc4j.option.Configuration;
import io.cc4j.option.Settings;
import java.util.Locale;

/**
 * What pair construction does to each image: the values of the {@link Augmentation} settings, valid once built,
 * immutable, compared by value; JSON is an object with a key per setting.
 *
 * <p>The parameters of each augmentation are the paper's and fixed: crop scale 0.08-1 and ratio 3/4-4/3,
 * flip p 0.5, jitter (0.8s, 0.8s, 0.8s, 0.2s) with p 0.8, grayscale p 0.2, blur kernel 23 with sigma
 * 0.1-2.0 and p 0.5.
 */
public final class AugmentConfig extends Configuration {
    /** Largest accepted output edge. */
    public static final int MAX_SIZE = Augmentation.MAX_SIZE;
    /** Largest accepted strength: hue 0.2s must not exceed torchvision's bound of 0.5. */
    public static final double MAX_STRENGTH = Augmentation.MAX_STRENGTH;

    private AugmentConfig(Settings settings) {
        super(settings);
    }

    /**
     * @param values values of (at least) the augmentation settings, e.g. a training run's
     * @return the augmentation they describe
     */
    public static AugmentConfig of(Settings values) {
        return new AugmentConfig(Settings.builder(Augmentation.GROUP).setAll(values).build());
    }

    /** A builder with everything on, strength 0.5, blur off and size 32. */
    public static Builder builder() {
        return new Builder(Settings.builder(Augmentation.GROUP));
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(settings().toBuilder());
    }

    /** Output edge in pixels ({@link Augmentation#SIZE}). */
    public int size() {
        return settings().get(Augmentation.SIZE);
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
        Builder b = builder().set(Augmentation.SIZE, size);
        return switch (key) {
            case "cifar10", "cifar100", "tinyimagenet", "fashionmnist" ->
                    b.set(Augmentation.STRENGTH, 0.5).set(Augmentation.BLUR, false).build();
            case "imagenet10", "imagenetdogs" -> b.set(Augmentation.STRENGTH, 1.0).set(Augmentation.BLUR, true).build();
            case "stl10" -> b.set(Augmentation.STRENGTH, 1.0).set(Augmentation.BLUR, false).build();
            default -> throw new InvalidInputException("unknown augmentation preset '" + dataset
                    + "'; known: cifar10, cifar100, tiny-imagenet, imagenet10, imagenet-dogs, stl10, fashion-mnist");
        };
    }

    /** @return the JSON object of the settings, a key per setting */
    @JsonValue
    public ObjectNode toJson() {
        return groupJson(Augmentation.GROUP);
    }

    /**
     * @param json an object as {@link #toJson()} writes it; keys left out keep their defaults
     * @return the configuration
     * @throws InvalidInputException naming the key or value at fault
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AugmentConfig fromJson(JsonNode json) {
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        wrapped.set(Augmentation.GROUP.key(), json);
        return new AugmentConfig(Settings.fromJson(java.util.List.of(Augmentation.GROUP), wrapped,
                "the augmentation configuration").build());
    }

    /** Builds an {@link AugmentConfig}; {@link #build()} validates. */
    public static final class Builder extends Configuration.Builder<AugmentConfig, Builder> {
        private Builder(Settings.Builder values) {
            super(values);
        }

        @Override
        public AugmentConfig build() {
            return new AugmentConfig(values());
        }
    }
}
