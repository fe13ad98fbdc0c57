package io.cc4j.serve.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.InvalidInputException;
import io.cc4j.serve.TestRuns;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of the benchmark: every level is measured, without errors, stops by itself, and its cost figures are
 * there, positive and consistent with each other (no timing is asserted).
 */
class ServeBenchmarkTest {
    @Test
    void shortLevelsAreMeasuredWithoutErrorsAndStopOnTime() throws Exception {
        long t0 = System.nanoTime();
        ServeBenchmark.Result r = ServeBenchmark.builder(TestRuns.trained()).optConcurrency(1, 4)
                .optMultipart(4, 2).optServerWarmUp(Duration.ofSeconds(1)).optSeconds(Duration.ofSeconds(2))
                .optWarmUp(Duration.ofMillis(500))
                .optSoakMinutes(0.05).build().run();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(120));
        assertThat(r.inProcess().imagesPerSecond()).isPositive();
        assertThat(r.inProcess().singleImageMs()).isPositive();
        assertThat(r.levels()).extracting(ServeBenchmark.Level::concurrency).containsExactly(1, 4, 2);
        assertThat(r.levels()).extracting(ServeBenchmark.Level::imagesPerRequest).containsExactly(1, 1, 4);
        for (ServeBenchmark.Level l : r.levels()) {
            assertThat(l.requests()).as("requests at %d", l.concurrency()).isPositive();
            assertThat(l.errors()).isZero();
            assertThat(l.p50Ms()).isPositive().isLessThanOrEqualTo(l.p95Ms());
            assertThat(l.p95Ms()).isLessThanOrEqualTo(l.p99Ms());
            assertThat(l.meanBatch()).isBetween(1.0, (double) l.concurrency() * l.imagesPerRequest());
            assertCostConsistent(l);
        }
        assertThat(r.levels().get(0).meanBatch()).as("one client: one image per pass").isEqualTo(1.0);
        assertThat(r.cpuRatio(1)).contains(r.levels().get(0).cpuRatio());
        assertThat(r.loadAverageStart()).isNotNegative();
        assertThat(r.soak().errors()).isZero();
        assertThat(r.soak().rssStartBytes()).isPositive();
        assertThat(r.soak().rssSamples()).isNotEmpty();
    }

    /** The cost figures of a level: present, positive, and consistent with the server process's CPU time. */
    private static void assertCostConsistent(ServeBenchmark.Level l) {
        String at = "at " + l.concurrency() + " x " + l.imagesPerRequest();
        assertThat(l.serverImages()).as(at).isPositive();
        assertThat(l.serverCpuSeconds()).as(at).isPositive()
                // A process cannot spend more CPU than its cores give in the window.
                .isLessThanOrEqualTo(1.05 * l.seconds() * Runtime.getRuntime().availableProcessors());
        assertThat(l.serverCpuMsPerImage()).as(at).isPositive();
        assertThat(l.serverCpuMsPerImage() / 1000 * l.serverImages()).as(at + ": CPU per image x images")
                .isLessThanOrEqualTo(l.serverCpuSeconds() * (1 + 1e-9))
                .isCloseTo(l.serverCpuSeconds() - l.serverThreadCpuSeconds().get("jit"), within(1e-6));
        assertThat(l.inProcessCpuMsPerImage()).as(at).isPositive();
        assertThat(l.cpuRatio()).as(at).isCloseTo(l.serverCpuMsPerImage() / l.inProcessCpuMsPerImage(), within(1e-9));
        // The difference of two measured costs: its sign is noise when one image's pass varies more than the HTTP
        // path costs (seen at concurrency 1), so only its definition is checked.
        assertThat(l.httpMicrosPerRequest()).as(at + ": the HTTP path, server less in-process, per request")
                .isCloseTo(1000 * (l.serverCpuMsPerImage() - l.inProcessCpuMsPerImage()) * l.imagesPerRequest(),
                        within(1e-6));
        assertThat(l.clientCpuMsPerImage()).as(at).isPositive();
        assertThat(l.serverThreadCpuSeconds()).as(at).containsOnlyKeys("batcher", "jetty", "prepare", "jit", "gc",
                "other", "ended");
        assertThat(l.serverThreadCpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum()).as(at)
                .isCloseTo(l.serverCpuSeconds(), within(1e-6));
        assertThat(l.serverThreadCpuSeconds().get("batcher")).as(at + ": forward passes").isPositive();
        assertThat(l.serverThreadCpuSeconds().get("jetty")).as(at + ": requests").isPositive();
    }

    @Test
    void aServerThatCannotStartIsReportedWithItsExitCode(@TempDir Path empty) {
        assertThatThrownBy(() -> ServeBenchmark.builder(empty).optConcurrency(1).optSeconds(Duration.ofSeconds(1))
                .build().run()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the server process ended with exit code");
    }

    @Test
    void optionsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> ServeBenchmark.builder(TestRuns.trained()).optConcurrency(0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("concurrency needs values from 1 to 1024");
        assertThatThrownBy(() -> ServeBenchmark.builder(TestRuns.trained()).optSeconds(Duration.ZERO))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("seconds must be 1 to 3600");
        assertThatThrownBy(() -> ServeBenchmark.builder(TestRuns.trained()).optMultipart(257, 4))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("multipart needs 0 to 256");
    }
}
