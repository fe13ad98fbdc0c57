package io.cc4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.model.BackboneType;
import io.cc4j.model.Stem;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepBenchmarkTest {

    @Test
    void tinyRunReportsEveryFigure() {
        StepBenchmarkResult r = StepBenchmark.builder().optBackbone(BackboneType.RESNET18).optStem(Stem.CIFAR)
                .optSize(8).optBatch(2).optClusters(3).optWarmup(0).optRepeats(2).build().run();
        assertThat(r.stepSeconds()).hasSize(2).allMatch(s -> s > 0);
        assertThat(r.viewsPerSecond()).isCloseTo(4 / r.medianStepSeconds(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.threads()).isGreaterThanOrEqualTo(1);
        assertThat(r.peakRssBytes()).isGreaterThan(0);
        assertThat(r.lastLoss()).isFinite();
    }

    @Test
    void modesAreMeasuredSideBySideWithTheirOwnWork() {
        java.util.List<StepBenchmarkResult> r = StepBenchmark.builder().optSize(16).optBatch(2).optClusters(2)
                .optWidth(4).optWarmup(1).optRepeats(2).build().run(java.util.List.of(
                        StepBenchmark.BackboneTraining.FULL, StepBenchmark.BackboneTraining.FROZEN,
                        new StepBenchmark.BackboneTraining(false, 0.1)));
        assertThat(r).extracting(StepBenchmarkResult::backboneTraining).containsExactly("full", "frozen", "lr x0.1");
        assertThat(r).allSatisfy(m -> assertThat(m.stepSeconds()).hasSize(2));
        assertThat(r.get(1).flopsPerView()).isLessThan(r.get(0).flopsPerView() / 2);
        assertThat(r.get(2).flopsPerView()).isEqualTo(r.get(0).flopsPerView());
        assertThat(r.get(0).lastLoss()).isFinite();
    }

    @Test
    void sameSeedGivesSameLoss() {
        StepBenchmark.Builder b = StepBenchmark.builder().optSize(8).optBatch(2).optClusters(2).optWarmup(0)
                .optRepeats(1).optSeed(5);
        assertThat(b.build().run().lastLoss()).isEqualTo(b.build().run().lastLoss());
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(StepBenchmark.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(StepBenchmark.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    }

    @Test
    void invalidOptionsNameTheValue() {
        assertThatThrownBy(() -> StepBenchmark.builder().optBatch(1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("batch");
        assertThatThrownBy(() -> StepBenchmark.builder().optClusters(1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("K");
    }
}
