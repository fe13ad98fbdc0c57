package io.cc4j.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LossValuesTest {
    @Test
    void totalIsTheUnweightedSum() {
        assertThat(new LossValues(1.25, 2.5).total()).isEqualTo(3.75);
    }

    @Test
    void nanOrInfinityIsNotFinite() {
        assertThat(new LossValues(1, 2).isFinite()).isTrue();
        assertThat(new LossValues(Double.NaN, 2).isFinite()).isFalse();
        assertThat(new LossValues(1, Double.POSITIVE_INFINITY).isFinite()).isFalse();
    }

    @Test
    void runningMeanAveragesEveryStep() {
        LossValues mean = new LossValues(0, 0);
        double[][] steps = {{1, 10}, {2, 20}, {6, 3}};
        for (int i = 0; i < steps.length; i++) {
            mean = mean.runningMean(new LossValues(steps[i][0], steps[i][1]), i);
        }
        assertThat(mean.instance()).isCloseTo(3.0, within(1e-12));
        assertThat(mean.cluster()).isCloseTo(11.0, within(1e-12));
    }
}
