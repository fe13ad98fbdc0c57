package io.cc4j.serve.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.serve.TestRuns;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A short run of the benchmark: every level is measured, without errors, and stops by itself. */
class ServeBenchmarkTest {
    @Test
    void shortLevelsAreMeasuredWithoutErrorsAndStopOnTime() throws Exception {
        long t0 = System.nanoTime();
        ServeBenchmark.Result r = ServeBenchmark.builder(TestRuns.trained()).optConcurrency(1, 4)
                .optSeconds(Duration.ofSeconds(2)).optWarmUp(Duration.ofMillis(500)).optSoakMinutes(0.05).build().run();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
        assertThat(r.inProcess().imagesPerSecond()).isPositive();
        assertThat(r.inProcess().singleImageMs()).isPositive();
        assertThat(r.levels()).extracting(ServeBenchmark.Level::concurrency).containsExactly(1, 4);
        for (ServeBenchmark.Level l : r.levels()) {
            assertThat(l.requests()).as("requests at %d", l.concurrency()).isPositive();
            assertThat(l.errors()).isZero();
            assertThat(l.p50Ms()).isPositive().isLessThanOrEqualTo(l.p95Ms());
            assertThat(l.p95Ms()).isLessThanOrEqualTo(l.p99Ms());
            assertThat(l.meanBatch()).isBetween(1.0, 4.0);
            assertThat(l.cpuMsPerImage()).isPositive();
        }
        assertThat(r.levels().get(0).meanBatch()).as("one client: one image per pass").isEqualTo(1.0);
        assertThat(r.soak().errors()).isZero();
        assertThat(r.soak().rssStartBytes()).isPositive();
        assertThat(r.soak().rssSamples()).isNotEmpty();
    }

    @Test
    void optionsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> ServeBenchmark.builder(TestRuns.trained()).optConcurrency(0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("concurrency needs values from 1 to 1024");
        assertThatThrownBy(() -> ServeBenchmark.builder(TestRuns.trained()).optSeconds(Duration.ZERO))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("seconds must be 1 to 3600");
    }
}
