package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchStepCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Cc4jCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void jsonOutputCarriesTheFigures() throws Exception {
        int code = run("bench", "step", "--backbone", "resnet18", "--stem", "cifar", "--size", "16", "--batch", "2",
                "--clusters", "3", "--warmup", "0", "--repeats", "1", "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("viewsPerSecond").asDouble()).isPositive();
        assertThat(json.get("batch").asInt()).isEqualTo(2);
        assertThat(json.get("backbone").asText()).isEqualTo("RESNET18");
        assertThat(json.get("threads").asInt()).isPositive();
        assertThat(json.get("peakRssBytes").asLong()).isPositive();
    }

    @Test
    void unknownBackboneIsBadInput() {
        assertThat(run("bench", "step", "--backbone", "resnet19")).isEqualTo(2);
        assertThat(err.toString()).contains("resnet19");
    }
}
