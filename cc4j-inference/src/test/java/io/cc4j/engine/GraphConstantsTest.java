package io.cc4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class GraphConstantsTest {
    private final Engine engine = EngineSupport.engine();

    @Test
    void aClosedScalarStaysValidForBackwardAfterACollection() {
        try (NDManager m = engine.newBaseManager()) {
            NDArray a = m.full(new Shape(4), 3f);
            a.setRequiresGradient(true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray y;
                try (NDArray half = GraphConstants.scalar(m, 0.5)) {
                    y = a.div(half).sum(); // division saves the divisor for backward
                }
                try (FreedJavaMemory poison = FreedJavaMemory.collectAndPoison()) {
                    gc.backward(y);
                }
            }
            assertThat(a.getGradient().toFloatArray()).containsOnly(2f);
        }
    }

    @Test
    void aClosedCopyStaysValidForBackwardAfterACollection() {
        try (NDManager m = engine.newBaseManager()) {
            NDArray a = m.full(new Shape(2, 2), 1f);
            a.setRequiresGradient(true);
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray y;
                try (NDArray factors = GraphConstants.copyOf(m, new float[] {1f, 2f, 3f, 4f}, new Shape(2, 2))) {
                    y = a.mul(factors).sum(); // a product saves the other factor for backward
                }
                try (FreedJavaMemory poison = FreedJavaMemory.collectAndPoison()) {
                    gc.backward(y);
                }
            }
            assertThat(a.getGradient().toFloatArray()).containsExactly(1f, 2f, 3f, 4f);
        }
    }

    @Test
    void valuesAndShapesAreKept() {
        try (NDManager m = engine.newBaseManager();
                NDArray s = GraphConstants.scalar(m, -0.25);
                NDArray c = GraphConstants.copyOf(m, new float[] {1f, -2f, 3f, 5f, 8f, 13f}, new Shape(2, 3))) {
            assertThat(s.getShape()).isEqualTo(new Shape());
            assertThat(s.getFloat()).isEqualTo(-0.25f);
            assertThat(c.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(c.toFloatArray()).containsExactly(1f, -2f, 3f, 5f, 8f, 13f);
        }
    }
}
