package io.cc4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.cc4j.engine.EngineSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Channels-last computes what channels-first computes: the same outputs and the same parameter gradients (to float
 * rounding), for both stems, a 3-channel first convolution and channel counts that are not multiples of 16 (the
 * shapes where a native kernel went wrong on one CPU before).
 */
class ChannelsLastTest {
    @ParameterizedTest
    @EnumSource(Stem.class)
    void outputsAndGradientsEqualChannelsFirst(Stem stem) {
        Result first = run(stem, false);
        Result last = run(stem, true);
        for (int i = 0; i < first.outputs.size(); i++) {
            assertClose(last.outputs.get(i), first.outputs.get(i), 1e-4, "output " + i);
        }
        assertThat(last.gradients).hasSameSizeAs(first.gradients);
        for (int i = 0; i < first.gradients.size(); i++) {
            assertClose(last.gradients.get(i), first.gradients.get(i), 1e-3, "gradient of parameter " + i);
        }
    }

    @Test
    void theSwitchChangesTheMemoryLayoutOnly() {
        // Different seeds of the same shape give different outputs: the comparison above can fail.
        Result a = run(Stem.IMAGENET, false);
        Result b = runSeeded(Stem.IMAGENET, false, 8);
        assertThat(maxDifference(a.outputs.get(2), b.outputs.get(2))).isGreaterThan(1e-3);
    }

    private record Result(List<float[]> outputs, List<float[]> gradients) {
    }

    private static Result run(Stem stem, boolean channelsLast) {
        return runSeeded(stem, channelsLast, 7);
    }

    private static Result runSeeded(Stem stem, boolean channelsLast, long seed) {
        Engine engine = EngineSupport.engine();
        try (ContrastiveModel model = ContrastiveModel.builder().optBackbone(BackboneType.RESNET18).optStem(stem)
                        .optWidth(12).setClusters(5).optSeed(seed).build();
                NDManager m = model.manager().newSubManager()) {
            model.setChannelsLast(channelsLast);
            engine.setRandomSeed(3);
            NDArray views = m.randomUniform(0f, 1f, new Shape(8, 3, 32, 32));
            NDArray weights = m.randomUniform(-1f, 1f, new Shape(4, 128));
            List<float[]> outputs = new ArrayList<>();
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDList out = model.forwardViews(views, true);
                NDArray loss = out.get(0).mul(weights).sum().add(out.get(2).square().sum());
                for (NDArray o : out) {
                    outputs.add(o.toFloatArray());
                }
                gc.backward(loss);
            }
            List<float[]> gradients = new ArrayList<>();
            for (var p : model.trainableParameters()) {
                gradients.add(p.getArray().getGradient().toFloatArray());
            }
            return new Result(outputs, gradients);
        }
    }

    private static void assertClose(float[] actual, float[] expected, double relative, String what) {
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertThat(maxDifference(actual, expected)).as(what + " (largest value %s)", scale)
                .isLessThanOrEqualTo(relative * Math.max(scale, 1e-3));
    }

    private static double maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
