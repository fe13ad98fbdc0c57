package io.cc4j.loss;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.engine.EngineSupport;
import java.io.IOException;
import java.io.InputStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The boost stage's losses against TCL's own formulas in PyTorch (make_golden.py beside the values). */
class BoostLossGoldenTest {
    @Test
    void bothLossesAndTheirGradientsMatchTcl() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/io/cc4j/loss/boost/golden.json")) {
            cases = new ObjectMapper().readTree(in).get("cases");
        }
        assertThat(cases.size()).isGreaterThanOrEqualTo(4);
        Engine engine = EngineSupport.engine();
        for (JsonNode c : cases) {
            int n = c.get("n").asInt();
            int d = c.get("d").asInt();
            int k = c.get("k").asInt();
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = c.get("labels").get(i).asInt();
            }
            try (NDManager m = engine.newBaseManager()) {
                NDArray z = m.create(floats(c.get("z")), new Shape(2L * n, d));
                NDArray logits = m.create(floats(c.get("logits")), new Shape(n, k));
                z.setRequiresGradient(true);
                logits.setRequiresGradient(true);
                float instance;
                float cluster;
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray li = new PseudoLabelInstanceLoss(0.5f).compute(z.get("0:" + n), z.get(n + ":"), labels);
                    NDArray lc = new PseudoLabelCrossEntropy().compute(logits, labels);
                    instance = li.getFloat();
                    cluster = lc.getFloat();
                    gc.backward(li.add(lc));
                }
                String label = "case n=" + n + " labels " + c.get("labels");
                assertThat((double) instance).as(label).isCloseTo(c.get("instance_loss").asDouble(),
                        Offset.offset(1e-5 * Math.abs(c.get("instance_loss").asDouble()) + 1e-6));
                assertThat((double) cluster).as(label).isCloseTo(c.get("cluster_loss").asDouble(),
                        Offset.offset(1e-5 * Math.abs(c.get("cluster_loss").asDouble()) + 1e-6));
                compare(label + " grad z", z.getGradient().toFloatArray(), floats(c.get("grad_z")));
                compare(label + " grad logits", logits.getGradient().toFloatArray(), floats(c.get("grad_logits")));
            }
        }
    }

    private static void compare(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], Offset.offset(1e-4f));
        }
    }

    private static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }
}
