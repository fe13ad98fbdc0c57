package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchAugmentCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Cc4jCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void printsFiguresAsJson() throws Exception {
        int code = run("bench", "augment", "--size", "8", "--batch", "4", "--workers", "1", "--repeats", "1",
                "--warmup", "0", "--json");
        assertThat(code).as(err.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.get("viewsPerSecond").asDouble()).isPositive();
        assertThat(j.get("workers").asInt()).isEqualTo(1);
        assertThat(j.get("batch").asInt()).isEqualTo(4);
        assertThat(j.get("config").get("size").asInt()).isEqualTo(8);
        assertThat(j.get("repeatViewsPerSecond")).hasSize(1);
    }

    @Test
    void rejectsABadBatch() {
        assertThat(run("bench", "augment", "--batch", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("batch 0");
    }
}
