package io.cc4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.cc4j.engine.EngineSupport;
import org.junit.jupiter.api.Test;

class LayersTest {

    @Test
    void batchNormUpdatesRunningStatisticsWithPyTorchMomentum() {
        try (NDManager manager = EngineSupport.engine().newBaseManager()) {
            Block bn = Layers.batchNorm();
            bn.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 1, 2));
            // Channel values 1, 3, 5, 7: mean 4, unbiased variance 20/3.
            NDArray x = manager.create(new float[] {1, 3, 5, 7}, new Shape(2, 1, 1, 2));
            bn.forward(new ParameterStore(manager, false), new NDList(x), true);
            float mean = find(bn, "runningMean").getArray().getFloat(0);
            float var = find(bn, "runningVar").getArray().getFloat(0);
            // PyTorch, momentum 0.1: running = 0.9 * running + 0.1 * batch statistic (unbiased variance).
            assertThat(mean).isCloseTo(0.1f * 4f, within(1e-6f));
            assertThat(var).isCloseTo(0.9f + 0.1f * 20f / 3f, within(1e-5f));
        }
    }

    @Test
    void linearLayersAreUniformWithinOneOverSqrtFanIn() {
        try (NDManager manager = EngineSupport.engine().newBaseManager()) {
            Block linear = Layers.linear(64, 32);
            linear.initialize(manager, DataType.FLOAT32, new Shape(1, 64));
            double bound = 1 / Math.sqrt(64);
            for (Parameter p : linear.getParameters().values()) {
                NDArray a = p.getArray();
                assertThat(a.abs().max().getFloat()).isLessThanOrEqualTo((float) bound);
                // U(-b, b) has standard deviation b / sqrt(3).
                double std = Math.sqrt(a.pow(2).mean().getFloat());
                if (a.size() > 1000) {
                    assertThat(std).isCloseTo(bound / Math.sqrt(3), within(0.1 * bound));
                }
            }
        }
    }

    private static Parameter find(Block block, String name) {
        return block.getParameters().values().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow();
    }
}
