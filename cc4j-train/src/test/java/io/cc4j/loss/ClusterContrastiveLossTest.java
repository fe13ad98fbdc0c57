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
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class ClusterContrastiveLossTest {
    private final Engine engine = EngineSupport.engine();
    @AutoClose
    private final NDManager manager = engine.newBaseManager();

    @Test
    void entropyTermIsZeroForEvenUseAndLogKForOneCluster() {
        int k = 4;
        try (ClusterContrastiveLoss loss = new ClusterContrastiveLoss()) {
            NDArray even = manager.full(new Shape(8, k), 0.25f);
            assertThat(loss.entropyTerm(even).getFloat()).isCloseTo(0f, within(1e-6f));
            float[] one = new float[8 * k];
            for (int i = 0; i < 8; i++) {
                one[i * k + 2] = 1f;
            }
            NDArray collapsed = manager.create(one, new Shape(8, k));
            // P = (0, 0, 1, 0): the empty clusters contribute 0 (torch would give 0 * log 0 = NaN)
            assertThat(loss.entropyTerm(collapsed).getFloat()).isCloseTo((float) Math.log(k), within(1e-6f));
        }
    }

    @Test
    void emptyClustersGiveFiniteLossAndGradients() {
        int n = 6;
        int k = 3;
        float[] hard = new float[n * k];
        for (int i = 0; i < n; i++) {
            hard[i * k + (i % 2)] = 1f; // cluster 2 is never used: a zero column
        }
        NDArray a = manager.create(hard, new Shape(n, k));
        NDArray b = manager.create(hard, new Shape(n, k));
        float value;
        try (ClusterContrastiveLoss loss = new ClusterContrastiveLoss();
                GradientCollector collector = engine.newGradientCollector()) {
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            NDArray result = loss.compute(a, b);
            value = result.getFloat();
            collector.backward(result);
        }
        assertThat(value).isFinite();
        for (float g : a.getGradient().toFloatArray()) {
            assertThat(g).isFinite();
        }
        for (float g : b.getGradient().toFloatArray()) {
            assertThat(g).isFinite();
        }
    }

    @Test
    void totalIsContrastPlusBothEntropyTerms() {
        NDArray a = softmaxRows(5, 3, 1);
        NDArray b = softmaxRows(5, 3, 2);
        try (ClusterContrastiveLoss loss = new ClusterContrastiveLoss()) {
            float parts = loss.clusterContrast(a, b).getFloat() + loss.entropyTerm(a).getFloat()
                    + loss.entropyTerm(b).getFloat();
            assertThat(loss.compute(a, b).getFloat()).isCloseTo(parts, within(1e-6f));
            assertThat(loss.evaluate(new NDList(), new NDList(a, b)).getFloat()).isCloseTo(parts, within(1e-6f));
            assertThat(loss.getTemperature()).isEqualTo(1.0f);
        }
    }

    @Test
    void rejectsBadInputsNamingTheValue() {
        try (ClusterContrastiveLoss loss = new ClusterContrastiveLoss()) {
            assertThatThrownBy(() -> loss.compute(manager.ones(new Shape(4, 3)), manager.ones(new Shape(5, 3))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("y_a")
                    .hasMessageContaining("(5, 3)");
            assertThatThrownBy(() -> loss.evaluate(null, null)).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> new ClusterContrastiveLoss(-1f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cluster temperature").hasMessageContaining("-1.0");
    }

    private NDArray softmaxRows(int n, int k, long seed) {
        float[] logits = InstanceContrastiveLossTest.unitRows(n, k, seed);
        return manager.create(logits, new Shape(n, k)).mul(3f).softmax(1);
    }
}
