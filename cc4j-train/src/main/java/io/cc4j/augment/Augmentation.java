package io.cc4j.augment;

import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;

/**
 * The settings of pair construction ({@link AugmentConfig}): the output size, the colour-jitter strength and which
 * of the five train-time augmentations are on (switching them off one by one is the paper's augmentation ablation).
 * In a training run's JSON they sit in the object {@code augment}.
 */
public final class Augmentation {
    /** Largest accepted output edge. */
    public static final int MAX_SIZE = 4096;
    /** Largest accepted strength: hue 0.2s must not exceed torchvision's bound of 0.5. */
    public static final double MAX_STRENGTH = 2.5;

    /** Output edge in pixels: views and test images are size x size, and the network takes that size. */
    public static final Setting<Integer> SIZE = Setting.builder("size", Integer.class,
            "Network input size in pixels (views and test images are that square).").defaultValue(32)
            .check(v -> v >= 1 && v <= MAX_SIZE, "in 1.." + MAX_SIZE).build();
    /** Colour-jitter strength s: brightness, contrast and saturation 0.8s, hue 0.2s. */
    public static final Setting<Double> STRENGTH = Setting.builder("strength", Double.class,
            "Colour jitter strength s (brightness/contrast/saturation 0.8s, hue 0.2s).").defaultValue(0.5)
            .check(v -> v >= 0 && v <= MAX_STRENGTH, "in [0, " + MAX_STRENGTH + "]").build();
    /** RandomResizedCrop; when off, the whole image is resized. */
    public static final Setting<Boolean> CROP = Setting.flag("crop", true,
            "RandomResizedCrop (scale 0.08-1, ratio 3/4-4/3); off resizes the whole image.");
    /** Horizontal flip, p 0.5. */
    public static final Setting<Boolean> FLIP = Setting.flag("flip", true, "Horizontal flip (p 0.5).");
    /** Colour jitter, p 0.8. */
    public static final Setting<Boolean> JITTER = Setting.flag("jitter", true, "Colour jitter (p 0.8).");
    /** Random grayscale, p 0.2. */
    public static final Setting<Boolean> GRAYSCALE = Setting.flag("grayscale", true, "Random grayscale (p 0.2).");
    /** Gaussian blur, kernel 23, p 0.5. */
    public static final Setting<Boolean> BLUR = Setting.flag("blur", false, "Gaussian blur (kernel 23, p 0.5).");

    /** The group, in the object {@code augment} of a training run's JSON. */
    public static final SettingGroup GROUP = SettingGroup.nested("augment", "Augmentation", SIZE, STRENGTH, CROP,
            FLIP, JITTER, GRAYSCALE, BLUR);

    private Augmentation() {
    }
}
