package io.cc4j.model;

/**
 * The memory layout a network computes in unless told otherwise: channels-last (NHWC) where it was measured faster
 * than channels-first (NCHW), side by side, for each stem and input size, in training and in inference. Both
 * layouts give the same numbers to rounding. The measurements behind the choice are in {@code docs/benchmarks.md}
 * (channels-last by default); on another CPU, {@code cc4j bench step} and {@code cc4j bench assign} with
 * {@code --channels-last} and {@code --no-channels-last} measure it again.
 */
public final class MemoryLayouts {
    /** From this input size on, the CIFAR stem's training step was not faster channels-last. */
    static final int CIFAR_STEM_TRAINING_LIMIT = 64;

    private MemoryLayouts() {
    }

    /**
     * The layout of a training step: channels-last with the ImageNet stem at every size measured, and with the
     * CIFAR stem below {@value #CIFAR_STEM_TRAINING_LIMIT} pixels; from there on the CIFAR stem's full-size feature
     * maps train as fast or faster channels-first.
     *
     * @param stem the backbone's stem
     * @param imageSize edge of the square network input, in pixels
     * @return true if a training step runs the backbone on channels-last data by default
     */
    public static boolean trainingChannelsLast(Stem stem, int imageSize) {
        return stem == Stem.IMAGENET || imageSize < CIFAR_STEM_TRAINING_LIMIT;
    }

    /**
     * The layout of inference (eval-mode forward passes: the predictor, {@code cluster}, the server, Spark):
     * channels-last for both stems at every size measured.
     *
     * @param spec the model
     * @return true if its backbone runs on channels-last data by default when it assigns images
     */
    public static boolean inferenceChannelsLast(ModelSpec spec) {
        return true;
    }
}
