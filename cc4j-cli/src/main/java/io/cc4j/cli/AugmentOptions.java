package io.cc4j.cli;

import io.cc4j.augment.RandomResizedCrop;
import io.cc4j.augment.AugmentConfig;
import picocli.CommandLine.Option;

/** Augmentation options shared by the commands that build views: preset, strength, and per-augmentation switches (the paper's ablation). */
final class AugmentOptions {
    @Option(names = "--augment-preset", paramLabel = "NAME", description = "Augmentation preset: cifar10, cifar100, tiny-imagenet, imagenet10, imagenet-dogs, stl10, fashion-mnist.")
    String preset;

    @Option(names = "--strength", paramLabel = "S", description = "Colour jitter strength s (brightness/contrast/saturation 0.8s, hue 0.2s).")
    Double strength;

    @Option(names = "--blur", negatable = true, description = "Gaussian blur (kernel 23, p 0.5).")
    Boolean blur;

    @Option(names = "--no-crop", description = "Switch off RandomResizedCrop.")
    boolean noCrop;

    @Option(names = "--no-flip", description = "Switch off horizontal flip.")
    boolean noFlip;

    @Option(names = "--no-jitter", description = "Switch off colour jitter.")
    boolean noJitter;

    @Option(names = "--no-grayscale", description = "Switch off random grayscale.")
    boolean noGrayscale;

    /**
     * Applies the options to a base configuration.
     *
     * @param base configuration from defaults, file or preset
     * @param size new output size, or null to keep the base's
     * @return the adjusted configuration
     */
    AugmentConfig apply(AugmentConfig base, Integer size) {
        int s = size != null ? size : base.size();
        AugmentConfig.Builder b = preset != null ? AugmentConfig.preset(preset, s).toBuilder() : base.toBuilder().setSize(s);
        if (strength != null) {
            b.optStrength(strength);
        }
        if (blur != null) {
            b.optBlur(blur);
        }
        if (noCrop) {
            b.optCrop(false);
        }
        if (noFlip) {
            b.optFlip(false);
        }
        if (noJitter) {
            b.optJitter(false);
        }
        if (noGrayscale) {
            b.optGrayscale(false);
        }
        return b.build();
    }
}
