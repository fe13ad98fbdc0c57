package io.cc4j.loss;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import io.cc4j.engine.EngineSupport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Both losses against every case of ../shared/golden/losses.json (reference: the official PyTorch
 * modules in float64), computed in float32 through {@code compute}, the path training uses.
 */
class ContrastiveLossGoldenTest {
    private static final double LOSS_RELATIVE = 1e-5;
    private static final double GRADIENT_ABSOLUTE = 1e-4;

    @TestFactory
    Stream<DynamicTest> instanceLossMatchesEveryGoldenCase() throws IOException {
        List<JsonNode> cases = GoldenLosses.cases("instance");
        assertThat(cases).as("instance cases in losses.json").isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            int n = c.get("n").asInt();
            int dim = c.get("dim").asInt();
            float tau = (float) c.get("temperature").asDouble();
            String name = "instance case " + (i + 1) + "/" + cases.size() + " (n=" + n + ", dim=" + dim
                    + ", tau=" + tau + ")";
            tests.add(DynamicTest.dynamicTest(name, () -> {
                try (InstanceContrastiveLoss loss = new InstanceContrastiveLoss(tau)) {
                    check(name, c, n, dim, "z_a", "z_b", loss::compute);
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> clusterLossMatchesEveryGoldenCase() throws IOException {
        List<JsonNode> cases = GoldenLosses.cases("cluster");
        assertThat(cases).as("cluster cases in losses.json").isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            int n = c.get("n").asInt();
            int k = c.get("k").asInt();
            float tau = (float) c.get("temperature").asDouble();
            String name = "cluster case " + (i + 1) + "/" + cases.size() + " (n=" + n + ", k=" + k
                    + ", tau=" + tau + ")";
            tests.add(DynamicTest.dynamicTest(name, () -> {
                try (ClusterContrastiveLoss loss = new ClusterContrastiveLoss(tau)) {
                    check(name, c, n, k, "y_a", "y_b", loss::compute);
                }
            }));
        }
        return tests.stream();
    }

    private static void check(String name, JsonNode c, int rows, int cols, String keyA, String keyB,
            BiFunction<NDArray, NDArray, NDArray> compute) {
        Engine engine = EngineSupport.engine();
        try (NDManager manager = engine.newBaseManager()) {
            Shape shape = new Shape(rows, cols);
            NDArray a = manager.create(GoldenLosses.matrix(c.get(keyA), rows, cols), shape);
            NDArray b = manager.create(GoldenLosses.matrix(c.get(keyB), rows, cols), shape);
            double value;
            try (GradientCollector collector = engine.newGradientCollector()) {
                a.setRequiresGradient(true);
                b.setRequiresGradient(true);
                NDArray loss = compute.apply(a, b);
                assertThat(loss.getShape().isScalar()).as(name + ": loss is a scalar").isTrue();
                value = loss.getFloat();
                collector.backward(loss);
            }
            double expected = c.get("loss").asDouble();
            double relative = Math.abs(value - expected) / Math.abs(expected);
            assertThat(relative)
                    .as("%s: loss %s vs reference %s (relative error %s)", name, value, expected, relative)
                    .isLessThanOrEqualTo(LOSS_RELATIVE);
            checkGradient(name, "d loss / d " + keyA, a.getGradient(),
                    GoldenLosses.matrixDouble(c.get("grad_" + keyA), rows, cols));
            checkGradient(name, "d loss / d " + keyB, b.getGradient(),
                    GoldenLosses.matrixDouble(c.get("grad_" + keyB), rows, cols));
        }
    }

    private static void checkGradient(String name, String what, NDArray gradient, double[] expected) {
        float[] actual = gradient.toFloatArray();
        assertThat(actual).as("%s: %s has %d entries", name, what, expected.length).hasSize(expected.length);
        int off = 0;
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            if (!(error <= GRADIENT_ABSOLUTE)) {
                off++;
            }
            if (!(error <= worst)) {
                worst = error;
                worstAt = i;
            }
        }
        assertThat(off)
                .as("%s: %s: %d of %d entries differ by more than %s (worst %s at entry %d)", name, what,
                        off, expected.length, GRADIENT_ABSOLUTE, worst, worstAt)
                .isZero();
    }
}
