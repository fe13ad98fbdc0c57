package io.cc4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The network's convolution routes compute libtorch's channels-first convolution: the same output and the same
 * gradients of input and weights (to rounding), from either memory layout, for the shapes they route and one they
 * do not.
 */
class ConvolutionsTest {
    @ParameterizedTest(name = "{0} to {1} channels, {2}x{2} input, kernel {3}, stride {4}, padding {5}")
    @CsvSource({
        "24, 40, 1, 3, 1, 1", // ResNet's last stage at 32 px: 3x3 on 1x1, one output position
        "24, 40, 2, 3, 2, 1", // its first convolution, stride 2 from 2x2
        "24, 40, 2, 1, 2, 0", // its 1x1 shortcut, stride 2 from 2x2
        "5, 7, 3, 3, 1, 0", // a 3x3 window without padding
        "6, 9, 2, 7, 2, 3", // a kernel larger than the input
        "4, 8, 8, 1, 2, 0", // a strided 1x1 convolution with fewer input channels than a vector
        "16, 32, 9, 1, 2, 0", // a strided 1x1 convolution from an odd size
        "8, 8, 6, 3, 1, 1" // not routed: libtorch's convolution
    })
    void equalsTheChannelsFirstConvolution(int in, int out, int size, int kernel, int stride, int padding) {
        Engine engine = EngineSupport.engine();
        try (NDManager m = engine.newBaseManager()) {
            engine.setRandomSeed(11);
            NDArray x = m.randomUniform(-1f, 1f, new Shape(6, in, size, size));
            NDArray w = m.randomUniform(-1f, 1f, new Shape(out, in, kernel, kernel));
            int o = (size + 2 * padding - kernel) / stride + 1;
            NDArray upstream = m.randomUniform(-1f, 1f, new Shape(6, out, o, o));
            Result expected = run(engine, x, w, upstream, stride, padding, false, false);
            for (boolean channelsLast : new boolean[] {false, true}) {
                Result routed = run(engine, x, w, upstream, stride, padding, channelsLast, true);
                assertClose(routed.output, expected.output, "output, channels-last " + channelsLast);
                assertClose(routed.inputGradient, expected.inputGradient, "input gradient, channels-last " + channelsLast);
                assertClose(routed.weightGradient, expected.weightGradient, "weight gradient, channels-last " + channelsLast);
            }
        }
    }

    private record Result(float[] output, float[] inputGradient, float[] weightGradient) {
    }

    private static Result run(Engine engine, NDArray x, NDArray w, NDArray upstream, int stride, int padding,
            boolean channelsLast, boolean routed) {
        NDArray input = channelsLast ? MemoryFormat.channelsLast(x.duplicate()) : x.duplicate();
        NDArray weight = w.duplicate();
        input.setRequiresGradient(true);
        weight.setRequiresGradient(true);
        try (GradientCollector gc = engine.newGradientCollector()) {
            NDArray y = routed ? Convolutions.conv2d(input, weight, stride, padding)
                    : Conv2d.conv2d(input, weight, null, new Shape(stride, stride), new Shape(padding, padding),
                            new Shape(1, 1), 1).singletonOrThrow();
            gc.backward(y.mul(upstream).sum());
            return new Result(y.toFloatArray(), input.getGradient().toFloatArray(), weight.getGradient().toFloatArray());
        }
    }

    private static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(scale).as(what + " is not all zero").isGreaterThan(1e-3);
        assertThat(worst).as(what + ": largest difference (largest value " + scale + ")").isLessThanOrEqualTo(1e-5 * scale);
    }
}
