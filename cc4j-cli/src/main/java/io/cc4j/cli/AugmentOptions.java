package io.cc4j.cli;

import io.cc4j.augment.AugmentConfig;
import picocli.CommandLine.Option;

/**
 * {@code --augment-preset NAME}: the paper's augmentation settings for a dataset, for the commands that build
 * views; the {@link io.cc4j.augment.Augmentation} settings themselves are bound as options of their own.
 */
final class AugmentOptions {
    @Option(names = "--augment-preset", paramLabel = "NAME", description = "Augmentation preset: cifar10, cifar100,"
            + " tiny-imagenet, imagenet10, imagenet-dogs, stl10, fashion-mnist.")
    private String preset;

    /** @return the preset named, or null */
    String preset() {
        return preset;
    }

    /** @return the named preset at {@code size} pixels */
    AugmentConfig presetAt(int size) {
        return AugmentConfig.preset(preset, size);
    }
}
