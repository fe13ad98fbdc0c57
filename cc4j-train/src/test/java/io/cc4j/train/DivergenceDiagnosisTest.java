package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.cc4j.engine.EngineSupport;
import io.cc4j.train.TrainingDivergedException.Reason;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class DivergenceDiagnosisTest {
    @AutoClose
    private final NDManager manager = EngineSupport.engine().newBaseManager();

    private Map<String, Parameter> parameter(float value) {
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        p.setArray(manager.create(new float[] {1f, value}));
        return Map.of("backbone.w", p);
    }

    @Test
    void nonFiniteViewsAreBlamedOnTheInputData() {
        NDArray views = manager.create(new float[] {0.5f, Float.NaN, Float.POSITIVE_INFINITY});
        TrainingDivergedException e = new DivergenceDiagnosis().diagnose(3, 0, Double.NaN, 1.0, views, parameter(2f));
        assertThat(e.reason()).isEqualTo(Reason.INPUT_DATA);
        assertThat(e.getMessage()).contains("epoch 3, batch 1").contains("2 NaN or infinite values");
    }

    @Test
    void aNonFiniteParameterIsNamed() {
        NDArray views = manager.create(new float[] {0.5f});
        TrainingDivergedException e = new DivergenceDiagnosis().diagnose(1, 4, Double.NaN, Double.NaN, views,
                parameter(Float.NaN));
        assertThat(e.reason()).isEqualTo(Reason.PARAMETERS);
        assertThat(e.getMessage()).contains("backbone.w").doesNotContain("try a lower");
    }

    @Test
    void nonFiniteGradientsUnderAFiniteLossNameTheFirstAndLastParameter() {
        TrainingDivergedException e = new DivergenceDiagnosis().gradients(2, 0, 4.8, 2.9,
                java.util.List.of("01backbone_01stem_01Conv2d_weight", "03clusterHead_02Linear_weight"), 62);
        assertThat(e.reason()).isEqualTo(Reason.GRADIENTS);
        assertThat(e.getMessage()).contains("the gradients of 2 of 62 parameters are NaN or infinite at epoch 2, batch 1")
                .contains("first in the network's order 01backbone_01stem_01Conv2d_weight")
                .contains("last 03clusterHead_02Linear_weight").contains("stopped before the update");
    }

    @Test
    void aLowerLearningRateIsSuggestedOnlyWhenTheLossGrewFirst() {
        NDArray views = manager.create(new float[] {0.5f});
        DivergenceDiagnosis steady = new DivergenceDiagnosis();
        steady.record(5.0);
        steady.record(4.9);
        TrainingDivergedException flat = steady.diagnose(1, 2, Double.NaN, 1, views, parameter(1f));
        assertThat(flat.reason()).isEqualTo(Reason.LOSS);
        assertThat(flat.getMessage()).contains("inputs and parameters are finite").doesNotContain("try a lower");

        DivergenceDiagnosis growing = new DivergenceDiagnosis();
        growing.record(5.0);
        growing.record(9.0);
        assertThat(growing.diagnose(1, 2, Double.POSITIVE_INFINITY, 1, views, parameter(1f)).getMessage())
                .contains("grown from 5.0000 to 9.0000").contains("try a lower learningRate.");
    }
}
