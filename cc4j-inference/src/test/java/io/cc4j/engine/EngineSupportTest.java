package io.cc4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class EngineSupportTest {
    @Test
    void pyTorchEngineStartsOfflineAndComputes() {
        Engine engine = EngineSupport.engine();
        assertThat(engine.getEngineName()).isEqualTo("PyTorch");
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        try (NDManager manager = engine.newBaseManager()) {
            NDArray a = manager.create(new float[] {1, 2, 3});
            assertThat(a.dot(a).getFloat()).isEqualTo(14f);
        }
    }
}
