package io.cc4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.cc4j.InvalidInputException;
import io.cc4j.engine.EngineSupport;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class InstanceContrastiveLossTest {
    private final Engine engine = EngineSupport.engine();
    @AutoClose
    private final NDManager manager = engine.newBaseManager();

    @Test
    void matchesAFloat64ReferenceAtALowTemperatureWhereNaiveExpOverflows() {
        // tau 0.01: identical views give logits of 100, exp(100) overflows float32
        int n = 6;
        int dim = 5;
        float tau = 0.01f;
        float[] a = unitRows(n, dim, 3);
        float[] b = a.clone();
        b[0] = -b[0];
        renormalise(b, n, dim);
        try (InstanceContrastiveLoss loss = new InstanceContrastiveLoss(tau)) {
            float value = loss.compute(matrix(a, n, dim), matrix(b, n, dim)).getFloat();
            assertThat(value).isFinite();
            assertThat((double) value).isCloseTo(reference(a, b, n, dim, tau), within(1e-3 * Math.abs(reference(a, b, n, dim, tau)) + 1e-5));
        }
    }

    @Test
    void defaultTemperatureIsThePapersAndMatchesTheReference() {
        int n = 8;
        int dim = 16;
        float[] a = unitRows(n, dim, 11);
        float[] b = unitRows(n, dim, 12);
        try (InstanceContrastiveLoss loss = new InstanceContrastiveLoss()) {
            assertThat(loss.getTemperature()).isEqualTo(0.5f);
            double value = loss.compute(matrix(a, n, dim), matrix(b, n, dim)).getFloat();
            assertThat(value).isCloseTo(reference(a, b, n, dim, 0.5), within(1e-5));
        }
    }

    @Test
    void alignedViewsScoreLowerThanUnrelatedViews() {
        int n = 16;
        int dim = 32;
        float[] a = unitRows(n, dim, 5);
        float[] other = unitRows(n, dim, 6);
        try (InstanceContrastiveLoss loss = new InstanceContrastiveLoss()) {
            float aligned = loss.compute(matrix(a, n, dim), matrix(a, n, dim)).getFloat();
            float unrelated = loss.compute(matrix(a, n, dim), matrix(other, n, dim)).getFloat();
            assertThat(aligned).isLessThan(unrelated);
        }
    }

    @Test
    void evaluateIgnoresLabelsAndEqualsCompute() {
        int n = 4;
        int dim = 3;
        NDArray a = matrix(unitRows(n, dim, 1), n, dim);
        NDArray b = matrix(unitRows(n, dim, 2), n, dim);
        try (InstanceContrastiveLoss loss = new InstanceContrastiveLoss()) {
            float direct = loss.compute(a, b).getFloat();
            assertThat(loss.evaluate(null, new NDList(a, b)).getFloat()).isEqualTo(direct);
            loss.addAccumulator("train");
            loss.updateAccumulator("train", new NDList(), new NDList(a, b));
            assertThat(loss.getAccumulator("train")).isCloseTo(direct, within(1e-6f));
        }
    }

    @Test
    void masksAreRebuiltForOtherBatchSizesAndAfterClose() {
        try (InstanceContrastiveLoss loss = new InstanceContrastiveLoss()) {
            for (int n : new int[] {2, 5, 2, 7, 3, 9, 2}) {
                float[] a = unitRows(n, 4, n);
                float[] b = unitRows(n, 4, n + 100);
                double value = loss.compute(matrix(a, n, 4), matrix(b, n, 4)).getFloat();
                assertThat(value).as("n=%d", n).isCloseTo(reference(a, b, n, 4, 0.5), within(1e-5));
                if (n == 7) {
                    loss.close();
                }
            }
        }
    }

    @Test
    void gradientFlowsToBothViews() {
        int n = 4;
        int dim = 3;
        NDArray a = matrix(unitRows(n, dim, 1), n, dim);
        NDArray b = matrix(unitRows(n, dim, 2), n, dim);
        try (InstanceContrastiveLoss loss = new InstanceContrastiveLoss();
                GradientCollector collector = engine.newGradientCollector()) {
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            collector.backward(loss.compute(a, b));
        }
        assertThat(a.getGradient().abs().sum().getFloat()).isPositive();
        assertThat(b.getGradient().abs().sum().getFloat()).isPositive();
    }

    @Test
    void rejectsBadInputsNamingTheValue() {
        NDArray a = manager.ones(new Shape(4, 3));
        NDArray b = manager.ones(new Shape(4, 2));
        try (InstanceContrastiveLoss loss = new InstanceContrastiveLoss()) {
            assertThatThrownBy(() -> loss.compute(a, b)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("(4, 3)").hasMessageContaining("(4, 2)");
            assertThatThrownBy(() -> loss.compute(manager.ones(new Shape(4)), manager.ones(new Shape(4))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("z_a");
            assertThatThrownBy(() -> loss.evaluate(null, new NDList(a)))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("got 1");
        }
        assertThatThrownBy(() -> new InstanceContrastiveLoss(0f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("got 0.0");
        assertThatThrownBy(() -> new InstanceContrastiveLoss(Float.NaN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NaN");
    }

    private NDArray matrix(float[] data, int rows, int cols) {
        return manager.create(data, new Shape(rows, cols));
    }

    static float[] unitRows(int n, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[n * dim];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextDouble() * 2 - 1);
        }
        renormalise(data, n, dim);
        return data;
    }

    private static void renormalise(float[] data, int n, int dim) {
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                norm += data[i * dim + j] * (double) data[i * dim + j];
            }
            for (int j = 0; j < dim; j++) {
                data[i * dim + j] /= (float) Math.sqrt(norm);
            }
        }
    }

    /** Straight from method.md, in float64 with an explicit max shift. */
    private static double reference(float[] a, float[] b, int n, int dim, double tau) {
        double[][] z = new double[2 * n][dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                z[i][j] = a[i * dim + j];
                z[i + n][j] = b[i * dim + j];
            }
        }
        double total = 0;
        for (int i = 0; i < 2 * n; i++) {
            double[] s = new double[2 * n];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < 2 * n; j++) {
                for (int d = 0; d < dim; d++) {
                    s[j] += z[i][d] * z[j][d];
                }
                s[j] /= tau;
                if (j != i) {
                    max = Math.max(max, s[j]);
                }
            }
            double sum = 0;
            for (int j = 0; j < 2 * n; j++) {
                if (j != i) {
                    sum += Math.exp(s[j] - max);
                }
            }
            total += max + Math.log(sum) - s[(i + n) % (2 * n)];
        }
        return total / (2 * n);
    }
}
