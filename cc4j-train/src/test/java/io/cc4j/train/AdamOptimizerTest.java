package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.cc4j.InvalidInputException;
import io.cc4j.engine.EngineSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AdamOptimizerTest {
    private static final int IN = 4;
    private static final int OUT = 3;
    private static final int ROWS = 8;

    private final Engine engine = EngineSupport.engine();
    @AutoClose
    private final NDManager manager = engine.newBaseManager();

    @Test
    void quadraticStepsMatchTheFloat64Formula() {
        checkQuadratic(AdamOptimizer.builder().build(), 0.0);
        checkQuadratic(AdamOptimizer.builder().optLearningRate(0.05).build(), 0.0);
    }

    @Test
    void weightDecayIsAnL2TermAddedToTheGradient() {
        checkQuadratic(AdamOptimizer.builder().optLearningRate(0.05).optWeightDecay(0.3).build(), 0.3);
    }

    @Test
    void linearRegressionStepsMatchTheFloat64Formula() {
        Linear block = linear(1);
        List<Parameter> params = block.getParameters().values();
        double[][] hand = snapshot(params);
        float[] x = random(ROWS * IN, 2);
        float[] y = random(ROWS * OUT, 3);
        HandAdam reference = new HandAdam(0.01, 0.9, 0.999, 1e-8, 0);
        try (AdamOptimizer adam = AdamOptimizer.builder().optLearningRate(0.01).build()) {
            for (int step = 1; step <= 5; step++) {
                backwardRegression(block, x, y);
                adam.step(params);
                double[][] grads = regressionGradients(hand[0], hand[1], x, y);
                reference.step(hand, grads);
                assertClose(params, hand, "regression step " + step);
            }
            assertThat(adam.getStepCount()).isEqualTo(5);
        }
    }

    @Test
    void skippedParametersKeepTheirValuesAndStepCounters() {
        Linear block = linear(1);
        List<Parameter> params = block.getParameters().values();
        Parameter frozen = params.get(params.size() - 1);
        float[] x = random(ROWS * IN, 2);
        float[] y = random(ROWS * OUT, 3);
        try (AdamOptimizer adam = AdamOptimizer.builder().optLearningRate(0.01).build()) {
            backwardRegression(block, x, y);
            adam.step(params);
            float[] before = frozen.getArray().toFloatArray();
            float[] other = params.get(0).getArray().toFloatArray();
            backwardRegression(block, x, y);
            adam.step(params, java.util.Set.of(frozen));
            // Like torch's Adam for a parameter whose grad is None: no update at all.
            assertThat(frozen.getArray().toFloatArray()).containsExactly(before);
            assertThat(params.get(0).getArray().toFloatArray()).isNotEqualTo(other);
        }
    }

    @Test
    void resumingFromWrittenStateContinuesExactlyLikeAnUninterruptedRun() throws IOException {
        float[] x = random(ROWS * IN, 2);
        float[] y = random(ROWS * OUT, 3);
        Linear straight = linear(1);
        try (AdamOptimizer adam = AdamOptimizer.builder().optLearningRate(0.01).optWeightDecay(0.01).build()) {
            for (int i = 0; i < 6; i++) {
                backwardRegression(straight, x, y);
                adam.step(straight.getParameters().values());
            }
        }
        Linear first = linear(1);
        byte[] state;
        List<float[]> values = new ArrayList<>();
        try (AdamOptimizer adam = AdamOptimizer.builder().optLearningRate(0.01).optWeightDecay(0.01).build()) {
            for (int i = 0; i < 3; i++) {
                backwardRegression(first, x, y);
                adam.step(first.getParameters().values());
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                adam.writeState(out);
            }
            state = bytes.toByteArray();
            for (Parameter p : first.getParameters().values()) {
                values.add(p.getArray().toFloatArray());
            }
        }
        Linear resumed = linear(99); // other initial values, overwritten by the "checkpoint"
        List<Parameter> params = resumed.getParameters().values();
        for (int i = 0; i < params.size(); i++) {
            params.get(i).getArray().set(values.get(i));
        }
        try (AdamOptimizer adam = AdamOptimizer.builder().optLearningRate(0.01).optWeightDecay(0.01).build()) {
            adam.readState(new DataInputStream(new ByteArrayInputStream(state)));
            adam.checkCompatible(params);
            assertThat(adam.getStepCount()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                backwardRegression(resumed, x, y);
                adam.step(params);
            }
            assertThat(adam.getStepCount()).isEqualTo(6);
        }
        List<Parameter> expected = straight.getParameters().values();
        for (int i = 0; i < params.size(); i++) {
            assertThat(params.get(i).getArray().toFloatArray()).as(params.get(i).getName())
                    .containsExactly(expected.get(i).getArray().toFloatArray());
        }
    }

    @Test
    void stateForAnotherModelIsRejectedNamingTheParameter() throws IOException {
        Linear small = linear(1);
        byte[] state;
        try (AdamOptimizer adam = AdamOptimizer.builder().build()) {
            backwardRegression(small, random(ROWS * IN, 2), random(ROWS * OUT, 3));
            adam.step(small.getParameters().values());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            adam.writeState(new DataOutputStream(bytes));
            state = bytes.toByteArray();
        }
        Linear wider = Linear.builder().setUnits(OUT + 1).build();
        wider.initialize(manager, DataType.FLOAT32, new Shape(1, IN));
        try (AdamOptimizer adam = AdamOptimizer.builder().build()) {
            adam.readState(new DataInputStream(new ByteArrayInputStream(state)));
            assertThatThrownBy(() -> adam.step(wider.getParameters().values()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("'weight'")
                    .hasMessageContaining("(3, 4)").hasMessageContaining("(4, 4)");
        }
        try (AdamOptimizer adam = AdamOptimizer.builder().build()) {
            byte[] truncated = java.util.Arrays.copyOf(state, state.length - 5);
            assertThatThrownBy(() -> adam.readState(new DataInputStream(new ByteArrayInputStream(truncated))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("truncated");
            byte[] garbage = "not an optimizer state".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> adam.readState(new DataInputStream(new ByteArrayInputStream(garbage))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("magic");
        }
    }

    @Test
    void gradientsAccumulateAcrossCollectorsUntilStepOrZeroGradients() {
        Linear block = linear(1);
        List<Parameter> params = block.getParameters().values();
        float[] x = random(ROWS * IN, 2);
        float[] y = random(ROWS * OUT, 3);
        backwardRegression(block, x, y);
        float[] once = params.get(0).getArray().getGradient().toFloatArray();
        backwardRegression(block, x, y);
        float[] twice = params.get(0).getArray().getGradient().toFloatArray();
        for (int i = 0; i < once.length; i++) {
            assertThat(twice[i]).isCloseTo(2 * once[i], within(1e-6f));
        }
        try (AdamOptimizer adam = AdamOptimizer.builder().build()) {
            adam.step(params);
            for (Parameter p : params) {
                assertThat(p.getArray().getGradient().abs().sum().getFloat()).as(p.getName()).isZero();
            }
            backwardRegression(block, x, y);
            adam.zeroGradients(params);
            for (Parameter p : params) {
                assertThat(p.getArray().getGradient().abs().sum().getFloat()).as(p.getName()).isZero();
            }
        }
    }

    @Test
    void zeroGradientsAlsoClearsNaN() {
        Linear block = linear(1);
        List<Parameter> params = block.getParameters().values();
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray w = params.get(0).getArray();
            collector.backward(w.mul(Float.NaN).sum().add(params.get(1).getArray().sum()));
        }
        assertThat(params.get(0).getArray().getGradient().isNaN().all().getBoolean()).isTrue();
        try (AdamOptimizer adam = AdamOptimizer.builder().build()) {
            adam.zeroGradients(params);
        }
        for (Parameter p : params) {
            assertThat(p.getArray().getGradient().toFloatArray()).as(p.getName()).containsOnly(0f);
        }
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> AdamOptimizer.builder().optLearningRate(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("learning rate");
        assertThatThrownBy(() -> AdamOptimizer.builder().optBetas(0.9, 1.0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("beta2");
        assertThatThrownBy(() -> AdamOptimizer.builder().optWeightDecay(-1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("-1.0");
        assertThatThrownBy(() -> AdamOptimizer.builder().optEpsilon(Double.NaN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NaN");
        try (AdamOptimizer adam = AdamOptimizer.builder().build()) {
            assertThat(adam.getLearningRate()).isEqualTo(3e-4);
            assertThat(adam.getBeta1()).isEqualTo(0.9);
            assertThat(adam.getBeta2()).isEqualTo(0.999);
            assertThat(adam.getEpsilon()).isEqualTo(1e-8);
            assertThat(adam.getWeightDecay()).isZero();
        }
    }

    /** loss = sum_p 0.5 * sum(c (p - t)^2), so d loss / d p = c (p - t) exactly. */
    private void checkQuadratic(AdamOptimizer adam, double weightDecay) {
        try (adam) {
            Linear block = linear(7);
            List<Parameter> params = block.getParameters().values();
            double[][] hand = snapshot(params);
            List<float[]> targets = new ArrayList<>();
            List<float[]> curvatures = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                targets.add(random(hand[i].length, 10 + i));
                float[] c = random(hand[i].length, 20 + i);
                for (int j = 0; j < c.length; j++) {
                    c[j] = 0.5f + Math.abs(c[j]);
                }
                curvatures.add(c);
            }
            HandAdam reference = new HandAdam(adam.getLearningRate(), 0.9, 0.999, 1e-8, weightDecay);
            for (int step = 1; step <= 5; step++) {
                try (GradientCollector collector = engine.newGradientCollector()) {
                    NDArray loss = null;
                    for (int i = 0; i < params.size(); i++) {
                        NDArray p = params.get(i).getArray();
                        NDArray t = manager.create(targets.get(i), p.getShape());
                        NDArray c = manager.create(curvatures.get(i), p.getShape());
                        NDArray term = p.sub(t).square().mul(c).sum().mul(0.5f);
                        loss = loss == null ? term : loss.add(term);
                    }
                    collector.backward(loss);
                }
                adam.step(params);
                double[][] grads = new double[params.size()][];
                for (int i = 0; i < params.size(); i++) {
                    grads[i] = new double[hand[i].length];
                    for (int j = 0; j < hand[i].length; j++) {
                        grads[i][j] = curvatures.get(i)[j] * (hand[i][j] - targets.get(i)[j]);
                    }
                }
                reference.step(hand, grads);
                assertClose(params, hand, "quadratic step " + step + " lr " + adam.getLearningRate());
            }
        }
    }

    private void backwardRegression(Linear block, float[] x, float[] y) {
        ParameterStore store = new ParameterStore(manager, false);
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray input = manager.create(x, new Shape(ROWS, IN));
            NDArray target = manager.create(y, new Shape(ROWS, OUT));
            NDArray prediction = block.forward(store, new NDList(input), true).singletonOrThrow();
            collector.backward(prediction.sub(target).square().mean());
        }
    }

    /** d mean((x W^T + b - y)^2) / d (W, b), in float64. */
    private static double[][] regressionGradients(double[] w, double[] b, float[] x, float[] y) {
        double[] gw = new double[OUT * IN];
        double[] gb = new double[OUT];
        for (int r = 0; r < ROWS; r++) {
            for (int o = 0; o < OUT; o++) {
                double prediction = b[o];
                for (int i = 0; i < IN; i++) {
                    prediction += w[o * IN + i] * x[r * IN + i];
                }
                double d = 2 * (prediction - y[r * OUT + o]) / (ROWS * OUT);
                gb[o] += d;
                for (int i = 0; i < IN; i++) {
                    gw[o * IN + i] += d * x[r * IN + i];
                }
            }
        }
        return new double[][] {gw, gb};
    }

    private Linear linear(long seed) {
        Linear block = Linear.builder().setUnits(OUT).build();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, IN));
        List<Parameter> params = block.getParameters().values();
        assertThat(params).extracting(Parameter::getName).containsExactly("weight", "bias");
        for (int i = 0; i < params.size(); i++) {
            NDArray array = params.get(i).getArray();
            array.set(random((int) array.size(), seed * 31 + i));
        }
        return block;
    }

    private static double[][] snapshot(List<Parameter> params) {
        double[][] out = new double[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            float[] values = params.get(i).getArray().toFloatArray();
            out[i] = new double[values.length];
            for (int j = 0; j < values.length; j++) {
                out[i][j] = values[j];
            }
        }
        return out;
    }

    private static void assertClose(List<Parameter> params, double[][] hand, String when) {
        for (int i = 0; i < params.size(); i++) {
            float[] actual = params.get(i).getArray().toFloatArray();
            int off = 0;
            double worst = 0;
            for (int j = 0; j < actual.length; j++) {
                double error = Math.abs(actual[j] - hand[i][j]);
                worst = Math.max(worst, error);
                off += error <= 1e-6 ? 0 : 1;
            }
            assertThat(off).as("%s, %s: %d of %d values off by more than 1e-6 (worst %s)", when,
                    params.get(i).getName(), off, actual.length, worst).isZero();
        }
    }

    private static float[] random(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return out;
    }

    /** torch.optim.Adam written out in float64, from its documentation's algorithm. */
    private static final class HandAdam {
        private final double lr;
        private final double beta1;
        private final double beta2;
        private final double eps;
        private final double weightDecay;
        private double[][] m;
        private double[][] v;
        private int t;

        HandAdam(double lr, double beta1, double beta2, double eps, double weightDecay) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
        }

        void step(double[][] params, double[][] grads) {
            if (m == null) {
                m = new double[params.length][];
                v = new double[params.length][];
                for (int i = 0; i < params.length; i++) {
                    m[i] = new double[params[i].length];
                    v[i] = new double[params[i].length];
                }
            }
            t++;
            for (int i = 0; i < params.length; i++) {
                for (int j = 0; j < params[i].length; j++) {
                    double g = grads[i][j] + weightDecay * params[i][j];
                    m[i][j] = beta1 * m[i][j] + (1 - beta1) * g;
                    v[i][j] = beta2 * v[i][j] + (1 - beta2) * g * g;
                    double mHat = m[i][j] / (1 - Math.pow(beta1, t));
                    double vHat = v[i][j] / (1 - Math.pow(beta2, t));
                    params[i][j] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
            }
        }
    }
}
