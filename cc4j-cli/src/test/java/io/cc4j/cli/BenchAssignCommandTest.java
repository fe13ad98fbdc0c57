package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BenchAssignCommandTest {
    private final CliRun cli = new CliRun();

    @Test
    void jsonOutputCarriesTheFigures() throws Exception {
        int code = cli.run("bench", "assign", "--width", "4", "--size", "16", "--source-size", "28", "--channels", "1",
                "--batch", "8", "--count", "24", "--repeats", "1", "--json");
        assertThat(code).as(cli.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get("imagesPerSecond").asDouble()).isPositive();
        assertThat(json.get("images").asInt()).isEqualTo(24);
        assertThat(json.get("sourceSize").asInt()).isEqualTo(28);
        assertThat(json.get("width").asInt()).isEqualTo(4);
        assertThat(json.get("peakRssBytes").asLong()).isPositive();
    }

    @Test
    void badChannelsAreBadInput() {
        assertThat(cli.run("bench", "assign", "--channels", "4")).isEqualTo(2);
        assertThat(cli.err()).contains("channels");
    }
}
