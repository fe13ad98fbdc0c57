package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BenchAugmentCommandTest {
    private final CliRun cli = new CliRun();

    @Test
    void printsFiguresAsJson() throws Exception {
        int code = cli.run("bench", "augment", "--size", "8", "--batch", "4", "--workers", "1", "--repeats", "1",
                "--warmup", "0", "--json");
        assertThat(code).as(cli.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(cli.out());
        assertThat(j.get("viewsPerSecond").asDouble()).isPositive();
        assertThat(j.get("workers").asInt()).isEqualTo(1);
        assertThat(j.get("batch").asInt()).isEqualTo(4);
        assertThat(j.get("config").get("size").asInt()).isEqualTo(8);
        assertThat(j.get("repeatViewsPerSecond")).hasSize(1);
    }

    @Test
    void rejectsABadBatch() {
        assertThat(cli.run("bench", "augment", "--batch", "0")).isEqualTo(2);
        assertThat(cli.err()).contains("batch 0");
    }
}
