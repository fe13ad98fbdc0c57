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
    void unknownBackboneIsBadInput() {
        assertThat(cli.run("bench", "step", "--backbone", "resnet19")).isEqualTo(2);
        assertThat(cli.err()).contains("resnet19");
    }
}
