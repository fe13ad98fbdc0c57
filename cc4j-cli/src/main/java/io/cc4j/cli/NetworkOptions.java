package io.cc4j.cli;

import io.cc4j.model.BackboneType;
import io.cc4j.model.Stem;
import picocli.CommandLine.Option;

/** {@code --backbone}, {@code --stem} and {@code --width}: the shape of a network of random weights, for the benchmarks. */
final class NetworkOptions {
    @Option(names = "--backbone", defaultValue = "resnet18", paramLabel = "NAME",
            converter = NetworkConverters.Backbone.class,
            description = "resnet18 | resnet34 | resnet50. Default: ${DEFAULT-VALUE}.")
    private BackboneType backbone;

    @Option(names = "--stem", paramLabel = "NAME", converter = NetworkConverters.StemName.class,
            description = "cifar | imagenet. Default: cifar below 128 pixels, else imagenet.")
    private Stem stem;

    @Option(names = "--width", defaultValue = "64", paramLabel = "N",
            description = "Channels of the first ResNet stage (64 = torchvision; the demo uses 32). Default: ${DEFAULT-VALUE}.")
    private int width;

    /** @return the backbone */
    BackboneType backbone() {
        return backbone;
    }

    /** @return the stem given, or the one that fits {@code size} */
    Stem stem(int size) {
        return stem != null ? stem : Stem.forImageSize(size);
    }

    /** @return the stem given, or null */
    Stem stemOrNull() {
        return stem;
    }

    /** @return the first stage's channels */
    int width() {
        return width;
    }
}
