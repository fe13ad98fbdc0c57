package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BenchStepCommandTest {
    private final CliRun cli = new CliRun();

    @Test
    void jsonOutputCarriesTheFigures() throws Exception {
        int code = cli.run("bench", "step", "--backbone", "resnet18", "--stem", "cifar", "--width", "8", "--size", "16", "--batch", "2",
                "--clusters", "3", "--warmup", "0", "--repeats", "1", "--json");
        assertThat(code).as(cli.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get("viewsPerSecond").asDouble()).isPositive();
        assertThat(json.get("batch").asInt()).isEqualTo(2);
        assertThat(json.get("width").asInt()).isEqualTo(8);
        assertThat(json.get("backbone").asText()).as("the name the CLI accepts").isEqualTo("resnet18");
        assertThat(json.get("threads").asInt()).isPositive();
        assertThat(json.get("peakRssBytes").asLong()).isPositive();
    }

    @Test
    void theFrozenBackboneAndTheLrScaleAreReportedSideBySide() throws Exception {
        String[] tiny = {"bench", "step", "--backbone", "resnet18", "--stem", "cifar", "--width", "4", "--size", "16",
            "--batch", "4", "--clusters", "3", "--warmup", "0", "--repeats", "1"};
        CliRun.Result compare = CliRun.once(with(tiny, "--compare"));
        assertThat(compare.code()).as(compare.err()).isZero();
        assertThat(compare.out()).containsSubsequence("backbone", "views/s", "x full", "of peak", "full", "1.00",
                "frozen", "lr x0.1", "peak ", "GFLOP/s (bench peak's 3x3 convolution", "timed steps taken in turn");
        CliRun.Result frozen = CliRun.once(with(tiny, "--freeze-backbone", "--json"));
        assertThat(frozen.code()).as(frozen.err()).isZero();
        assertThat(new ObjectMapper().readTree(frozen.out()).get("frozenBackbone").asBoolean()).isTrue();
        CliRun.Result scaled = CliRun.once(with(tiny, "--backbone-lr-scale", "0.5"));
        assertThat(scaled.code()).as(scaled.err()).isZero();
        assertThat(scaled.out()).contains("backbone     trained at 0.5 x the learning rate")
                .containsPattern("GFLOP/s, \\d+% of the convolution peak")
                .contains("layout       channels-last (NHWC)"); // the CIFAR stem at 16 px trains channels-last
        CliRun.Result first = CliRun.once(with(tiny, "--no-channels-last"));
        assertThat(first.out()).contains("layout       channels-first (NCHW)");
        assertThat(CliRun.once("bench", "step", "--compare", "--freeze-backbone").code()).isEqualTo(2);
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void unknownBackboneIsBadInput() {
        assertThat(cli.run("bench", "step", "--backbone", "resnet19")).isEqualTo(2);
        assertThat(cli.err()).contains("resnet19");
    }
}
