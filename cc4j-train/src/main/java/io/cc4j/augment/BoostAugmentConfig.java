package io.cc4j.augment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cc4j.InvalidInputException;
import io.cc4j.transform.BilinearResampler;
import io.cc4j.transform.ResampleFilter;

/**
 * The two views of TCL's boost (self-labeling) stage: a weak view for the pseudo-labels' confidence and a
 * strong view for the cluster loss. Immutable; validated on construction; serialises to JSON as its
 * components.
 *
 * <p>The weak view is CC's train transform ({@link TrainTransform}) with TCL's parameters in place of the
 * paper's: crop scale 0.2-1 (not 0.08-1), jitter {@code (0.8s, 0.8s, 0.4s, 0.2s)} (saturation 0.4s, not
 * 0.8s) with TCL's {@code s = 0.5}, i.e. {@code ColorJitter(0.4, 0.4, 0.2, 0.1)}, and bicubic resampling as
 * TCL's {@code RandomResizedCrop(interpolation=BICUBIC)}. Which steps are on, and the blur, come from
 * {@link #weak()}: blur only where the dataset's CC preset has it, with p 0.5 (TCL's ImageNet-10 setting; its
 * code also blurs CIFAR with p 1 at 224 pixels, which cc4j does not follow for small images).
 *
 * <p>Where the weak view differs from TCL's PIL pipeline: the crop is resampled in float (within about one
 * byte step of PIL's bicubic bytes, see {@link BilinearResampler}); the jitter, grayscale and blur are
 * cc4j's torchvision tensor versions, as for CC, whereas TCL applies torchvision's jitter to a PIL image
 * (byte arithmetic) and blurs with PIL's {@code GaussianBlur(radius=sigma)} instead of the 23-tap kernel of
 * {@link GaussianBlur}. The strong view has no such difference: see {@link StrongTransform}.
 *
 * @param weak the weak view's switches and size; its strength is TCL's {@code s}
 * @param strong the strong view
 */
public record BoostAugmentConfig(AugmentConfig weak, StrongAugmentConfig strong) {
    /** Smallest area fraction of the weak view's crop. */
    public static final double WEAK_MIN_SCALE = 0.2;
    /** TCL's jitter strength {@code s}, the same for all its datasets. */
    public static final double TCL_STRENGTH = 0.5;

    /** Validates that both views exist and have the same size. */
    @JsonCreator
    public BoostAugmentConfig(@JsonProperty("weak") AugmentConfig weak,
            @JsonProperty("strong") StrongAugmentConfig strong) {
        if (weak == null || strong == null) {
            throw new InvalidInputException("boost augmentation needs both a weak and a strong view");
        }
        if (weak.size() != strong.size()) {
            throw new InvalidInputException("weak view size " + weak.size() + " differs from strong view size "
                    + strong.size());
        }
        this.weak = weak;
        this.strong = strong;
    }

    /**
     * TCL's views for a dataset: the CC preset's switches (so blur only on the ImageNet subsets) with
     * {@code s = 0.5}, and {@link StrongAugmentConfig#preset}.
     *
     * @param dataset a preset name of {@link AugmentConfig#preset}
     * @param size output edge in pixels
     * @return the preset
     * @throws InvalidInputException naming an unknown dataset
     */
    public static BoostAugmentConfig preset(String dataset, int size) {
        AugmentConfig weak = AugmentConfig.preset(dataset, size).toBuilder().set(Augmentation.STRENGTH, TCL_STRENGTH).build();
        return new BoostAugmentConfig(weak, StrongAugmentConfig.preset(dataset, size));
    }

    /** Output edge of both views. */
    public int size() {
        return weak.size();
    }

    /** TCL's weak jitter for strength s: {@code (0.8s, 0.8s, 0.4s, 0.2s)}. */
    public ColorJitter weakJitter() {
        double s = weak.get(Augmentation.STRENGTH);
        return new ColorJitter(0.8 * s, 0.8 * s, 0.4 * s, 0.2 * s);
    }

    /** The weak view. */
    public TrainTransform weakTransform() {
        return new TrainTransform(weak, weakJitter(), WEAK_MIN_SCALE, ResampleFilter.BICUBIC);
    }

    /** The strong view. */
    public StrongTransform strongTransform() {
        return new StrongTransform(strong);
    }
}
