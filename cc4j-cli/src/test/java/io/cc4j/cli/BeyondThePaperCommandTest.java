package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.data.SyntheticCifar10;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** boost, estimate-k and merge through the command line, on a tiny run over synthetic data. */
class BeyondThePaperCommandTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void trainTinyRun() {
        String spec = SyntheticCifar10.write(tmp.resolve("data"), 192, 6, 3);
        run = tmp.resolve("run");
        CliRun.Result r = CliRun.once("train", "--data", spec, "--clusters", "6", "--out", run.toString(), "--epochs",
                "1", "--batch-size", "32", "--width", "4", "--size", "16", "--eval-every", "0", "--no-finish",
                "--threads", "1", "--workers", "1");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void estimateKPrintsOneRowPerKAndKeepsTheEstimate() throws IOException {
        CliRun.Result r = CliRun.once("estimate-k", "--model", run.toString(), "--range", "2..5", "--sample", "120",
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.toString()).contains("silhouette");
        assertThat(run.resolve("estimate-k.json")).exists();
        assertThat(run.resolve("report").resolve("estimate-k.png")).exists();
        assertThat(CliRun.once("estimate-k", "--model", run.toString(), "--range", "5").code()).isEqualTo(2);
    }

    @Test
    void mergeWritesAssignmentsWithTheSmallerKAndTheMapping() throws IOException {
        Path out = tmp.resolve("merged.csv");
        CliRun.Result r = CliRun.once("merge", "--model", run.toString(), "--into", "3", "--out", out.toString(),
                "--evaluate");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(193);
        assertThat(lines.subList(1, lines.size())).allSatisfy(l ->
                assertThat(Integer.parseInt(l.split(",")[2])).isBetween(0, 2));
        assertThat(new ObjectMapper().readTree(run.resolve("merge-3.json").toFile()).get("mapping")).hasSize(6);
        assertThat(CliRun.once("merge", "--model", run.toString(), "--into", "6", "--out", out.toString()).code())
                .as("into must be smaller than K").isEqualTo(2);
    }

    @Test
    void boostWritesARunThatClusterAccepts() {
        Path boosted = tmp.resolve("boosted");
        CliRun.Result r = CliRun.once("boost", "--model", run.toString(), "--out", boosted.toString(), "--epochs", "2",
                "--alpha", "0.2");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(boosted.resolve("boost.jsonl")).exists();
        assertThat(boosted.resolve("report").resolve("boost.png")).exists();
        CliRun.Result c = CliRun.once("cluster", "--model", boosted.toString(), "--out", tmp.resolve("b.csv").toString());
        assertThat(c.code()).as(c.err()).isZero();
        assertThat(CliRun.once("boost", "--model", run.toString(), "--out", boosted.toString(), "--epochs", "2").code())
                .as("an existing run is not overwritten").isEqualTo(2);
    }
}
