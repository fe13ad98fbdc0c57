package io.cc4j.augment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cc4j.InvalidInputException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What TCL's strong view does to each image ({@link StrongTransform}): the output size, the horizontal flip,
 * which {@link StrongOp}s may be drawn and how many per image, and the cutout hole. Immutable; validated on
 * construction; serialises to JSON as its components.
 *
 * @param size output edge in pixels
 * @param flip horizontal flip (p 0.5) before the operations
 * @param ops the operations that may be drawn; switching one off removes it from the draw
 * @param opsPerImage operations drawn per image, with replacement (TCL: 4)
 * @param cutout the cutout hole on
 * @param cutoutLength largest hole side for a 224-pixel image (TCL: 75), scaled to {@code size}
 * @param cutoutFill colour of the hole: the normalisation mean TCL's zero hole stands for
 */
public record StrongAugmentConfig(int size, boolean flip, Set<StrongOp> ops, int opsPerImage, boolean cutout,
        int cutoutLength, Fill cutoutFill) {
    /** TCL's operations per image. */
    public static final int TCL_OPS_PER_IMAGE = 4;
    /** Largest accepted operations per image. */
    public static final int MAX_OPS_PER_IMAGE = 16;
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

    /** Validates every component, naming the value at fault. */
    @JsonCreator
    public StrongAugmentConfig(@JsonProperty("size") int size, @JsonProperty("flip") boolean flip,
            @JsonProperty("ops") Set<StrongOp> ops, @JsonProperty("opsPerImage") int opsPerImage,
            @JsonProperty("cutout") boolean cutout, @JsonProperty("cutoutLength") int cutoutLength,
            @JsonProperty("cutoutFill") Fill cutoutFill) {
        if (size < 1 || size > AugmentConfig.MAX_SIZE) {
            throw new InvalidInputException("augmentation size " + size + " is out of range 1.."
                    + AugmentConfig.MAX_SIZE);
        }
        if (ops == null) {
            throw new InvalidInputException("strong augmentation needs a set of operations (it may be empty)");
        }
        if (opsPerImage < 0 || opsPerImage > MAX_OPS_PER_IMAGE) {
            throw new InvalidInputException("strong operations per image " + opsPerImage + " is out of range 0.."
                    + MAX_OPS_PER_IMAGE);
        }
        if (cutoutLength < 1 || cutoutLength > Cutout.TCL_SIZE) {
            throw new InvalidInputException("cutout length " + cutoutLength + " is out of range 1.."
                    + Cutout.TCL_SIZE);
        }
        if (cutoutFill == null) {
            throw new InvalidInputException("cutout needs a fill colour");
        }
        this.size = size;
        this.flip = flip;
        this.ops = Collections.unmodifiableSet(ops.isEmpty() ? EnumSet.noneOf(StrongOp.class) : EnumSet.copyOf(ops));
        this.opsPerImage = opsPerImage;
        this.cutout = cutout;
        this.cutoutLength = cutoutLength;
        this.cutoutFill = cutoutFill;
    }

    /** The largest hole side at this size: {@link Cutout#maxLengthFor}. */
    public int cutoutMaxLength() {
        return Cutout.maxLengthFor(cutoutLength, size);
    }

    /** A builder with TCL's settings: everything on, 4 operations, hole side 75 at 224, ImageNet mean, size 32. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().setSize(size).optFlip(flip).optOps(ops).optOpsPerImage(opsPerImage).optCutout(cutout)
                .optCutoutLength(cutoutLength).optCutoutFill(cutoutFill);
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
        return builder().setSize(size).optCutoutFill(fill).build();
    }

    /** Builds a {@link StrongAugmentConfig}; {@link #build()} validates. */
    public static final class Builder {
        private int size = 32;
        private boolean flip = true;
        private final EnumSet<StrongOp> ops = EnumSet.allOf(StrongOp.class);
        private int opsPerImage = TCL_OPS_PER_IMAGE;
        private boolean cutout = true;
        private int cutoutLength = Cutout.TCL_LENGTH;
        private Fill cutoutFill = IMAGENET_MEAN;

        private Builder() {
        }

        /** Output edge in pixels. */
        public Builder setSize(int size) {
            this.size = size;
            return this;
        }

        /** Horizontal flip on or off. */
        public Builder optFlip(boolean on) {
            this.flip = on;
            return this;
        }

        /** Exactly these operations may be drawn. */
        public Builder optOps(Set<StrongOp> enabled) {
            ops.clear();
            ops.addAll(enabled);
            return this;
        }

        /** One operation on or off. */
        public Builder optOp(StrongOp op, boolean on) {
            if (on) {
                ops.add(op);
            } else {
                ops.remove(op);
            }
            return this;
        }

        /** Operations drawn per image. */
        public Builder optOpsPerImage(int n) {
            this.opsPerImage = n;
            return this;
        }

        /** Cutout on or off. */
        public Builder optCutout(boolean on) {
            this.cutout = on;
            return this;
        }

        /** Largest hole side for a 224-pixel image. */
        public Builder optCutoutLength(int length) {
            this.cutoutLength = length;
            return this;
        }

        /** Colour of the hole. */
        public Builder optCutoutFill(Fill fill) {
            this.cutoutFill = fill;
            return this;
        }

        /** Validates and builds. */
        public StrongAugmentConfig build() {
            return new StrongAugmentConfig(size, flip, ops, opsPerImage, cutout, cutoutLength, cutoutFill);
        }
    }
}
