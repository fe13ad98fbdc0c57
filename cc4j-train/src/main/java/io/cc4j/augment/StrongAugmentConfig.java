package io.cc4j.augment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cc4j.InvalidInputException;
import io.cc4j.option.Configuration;
import io.cc4j.option.Settings;
import java.util.EnumSet;
import java.util.Locale;

/**
 * What TCL's strong view does to each image ({@link StrongTransform}): the values of the
 * {@link StrongAugmentation} settings, valid once built, immutable, compared by value; JSON is an object with a
 * key per setting.
 */
public final class StrongAugmentConfig extends Configuration {
    /** TCL's operations per image. */
    public static final int TCL_OPS_PER_IMAGE = StrongAugmentation.TCL_OPS_PER_IMAGE;
    /** Largest accepted operations per image. */
    public static final int MAX_OPS_PER_IMAGE = StrongAugmentation.MAX_OPS_PER_IMAGE;
    /** TCL's normalisation mean for CIFAR-10. */
    public static final Fill CIFAR10_MEAN = new Fill(0.4914, 0.4822, 0.4465);
    /** TCL's normalisation mean for CIFAR-100. */
    public static final Fill CIFAR100_MEAN = new Fill(0.5071, 0.4867, 0.4408);
    /** The ImageNet mean, TCL's default (ImageNet-10 and anything without its own entry). */
    public static final Fill IMAGENET_MEAN = new Fill(0.485, 0.456, 0.406);
    /** The mean pixel of Fashion-MNIST's 60,000 training images (not in TCL). */
    public static final Fill FASHION_MNIST_MEAN = new Fill(0.2860, 0.2860, 0.2860);

    /**
     * A colour in [0,1] per channel.
     *
     * @param red red
     * @param green green
     * @param blue blue
     */
    public record Fill(double red, double green, double blue) {
        /** Validates each channel. */
        public Fill {
            for (double v : new double[] {red, green, blue}) {
                if (!(v >= 0 && v <= 1)) {
                    throw new InvalidInputException("cutout fill " + v + " is not in [0,1]");
                }
            }
        }

        /** The three channels as floats. */
        public float[] toArray() {
            return new float[] {(float) red, (float) green, (float) blue};
        }
    }

    private StrongAugmentConfig(Settings settings) {
        super(settings);
    }

    /** Output edge in pixels. */
    public int size() {
        return settings().get(Augmentation.SIZE);
    }

    /** The largest hole side at this size: {@link Cutout#maxLengthFor}. */
    public int cutoutMaxLength() {
        return Cutout.maxLengthFor(settings().get(StrongAugmentation.CUTOUT_LENGTH), size());
    }

    /** A builder with TCL's settings: everything on, 4 operations, hole side 75 at 224, ImageNet mean, size 32. */
    public static Builder builder() {
        return new Builder(Settings.builder(StrongAugmentation.GROUP));
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(settings().toBuilder());
    }

    /**
     * TCL's strong view for a dataset, with the hole filled by that dataset's normalisation mean: CIFAR-10 and
     * CIFAR-100 their own (as TCL), Fashion-MNIST its training mean, the others the ImageNet mean (TCL's
     * default).
     *
     * @param dataset cifar10, cifar100, tiny-imagenet, imagenet10, imagenet-dogs, stl10 or fashion-mnist
     *     (case, '-' and '_' ignored)
     * @param size output edge in pixels
     * @return the preset, everything on
     * @throws InvalidInputException naming an unknown dataset
     */
    public static StrongAugmentConfig preset(String dataset, int size) {
        AugmentConfig.preset(dataset, size); // the same names as the CC presets, and the same message if unknown
        String key = dataset.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        Fill fill = switch (key) {
            case "cifar10" -> CIFAR10_MEAN;
            case "cifar100" -> CIFAR100_MEAN;
            case "fashionmnist" -> FASHION_MNIST_MEAN;
            default -> IMAGENET_MEAN;
        };
        return builder().set(Augmentation.SIZE, size).set(StrongAugmentation.CUTOUT_FILL, fill).build();
    }

    /** @return the JSON object of the settings, a key per setting */
    @JsonValue
    public ObjectNode toJson() {
        return groupJson(StrongAugmentation.GROUP);
    }

    /**
     * @param json an object as {@link #toJson()} writes it; keys left out keep their defaults
     * @return the configuration
     * @throws InvalidInputException naming the key or value at fault
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static StrongAugmentConfig fromJson(JsonNode json) {
        return new StrongAugmentConfig(fromGroupJson(StrongAugmentation.GROUP, json, "the strong view's configuration").build());
    }

    /** Builds a {@link StrongAugmentConfig}; {@link #build()} validates. */
    public static final class Builder extends Configuration.Builder<StrongAugmentConfig, Builder> {
        private Builder(Settings.Builder values) {
            super(values);
        }

        /** One operation on or off. */
        public Builder optOp(StrongOp op, boolean on) {
            EnumSet<StrongOp> ops = EnumSet.noneOf(StrongOp.class);
            ops.addAll(get(StrongAugmentation.OPS));
            if (on) {
                ops.add(op);
            } else {
                ops.remove(op);
            }
            return set(StrongAugmentation.OPS, ops);
        }

        @Override
        public StrongAugmentConfig build() {
            return new StrongAugmentConfig(values());
        }
    }
}
