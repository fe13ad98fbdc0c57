package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.metrics.ClusteringScores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private static final int[] TRUTH = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
    private static final int[] PRED = {7, 7, 3, 3, 3, 3, 5, 5, 5, 9};

    private static String lines(int[] v) {
        StringBuilder sb = new StringBuilder();
        for (int x : v) {
            sb.append(x).append('\n');
        }
        return sb.toString();
    }

    @Test
    void printsOneJsonObjectWithTheLibraryScores() throws IOException {
        Path l = file("labels.txt", lines(TRUTH));
        Path p = file("pred.txt", lines(PRED));
        assertThat(cli.run("evaluate", "--labels", l.toString(), "--predictions", p.toString(), "--json")).isZero();

        JsonNode json = new ObjectMapper().readTree(cli.out());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("nmi", "ari", "acc", "fmi", "n", "clusters", "classes");
        assertThat(cli.out().trim().lines()).hasSize(1);
        ClusteringScores expected = ClusteringScores.of(TRUTH, PRED);
        assertThat(json.get("nmi").doubleValue()).isCloseTo(expected.nmi(), within(1e-15));
        assertThat(json.get("ari").doubleValue()).isCloseTo(expected.ari(), within(1e-15));
        assertThat(json.get("acc").doubleValue()).isEqualTo(0.8);
        assertThat(json.get("fmi").doubleValue()).isCloseTo(expected.fmi(), within(1e-15));
        assertThat(json.get("n").intValue()).isEqualTo(10);
        assertThat(json.get("clusters").intValue()).isEqualTo(4);
        assertThat(json.get("classes").intValue()).isEqualTo(3);
    }

    @Test
    void printsAnAlignedTable() throws IOException {
        Path l = file("labels.txt", lines(TRUTH));
        Path p = file("pred.txt", lines(PRED));
        assertThat(cli.run("evaluate", "--labels", l.toString(), "--predictions", p.toString())).isZero();
        assertThat(cli.out()).contains("ACC       0.800000").contains("clusters  4").contains("classes   3");
        assertThat(cli.out().lines().map(s -> s.indexOf(s.trim().split("\\s+")[1])).distinct())
                .containsExactly(10);
    }

    @Test
    void readsLabelsAndClustersFromOneAssignmentsCsv() throws IOException {
        StringBuilder csv = new StringBuilder("index,id,cluster,confidence,label\n");
        for (int i = 0; i < TRUTH.length; i++) {
            csv.append(i).append(",img").append(i).append(',').append(PRED[i]).append(",0.5,").append(TRUTH[i])
                    .append('\n');
        }
        Path a = file("assignments.csv", csv.toString());
        assertThat(cli.run("evaluate", "--predictions", a.toString(), "--json")).isZero();
        assertThat(new ObjectMapper().readTree(cli.out()).get("acc").doubleValue()).isEqualTo(0.8);
    }

    @Test
    void picksCustomColumns() throws IOException {
        Path l = file("truth.csv", "name,y\na,0\nb,1\n");
        Path p = file("pred.csv", "name,k\na,5\nb,5\n");
        assertThat(cli.run("evaluate", "--labels", l.toString(), "--labels-column", "y", "--predictions",
                p.toString(), "--predictions-column", "k", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(cli.out()).get("acc").doubleValue()).isEqualTo(0.5);
    }

    @Test
    void badInputExitsWithTwoAndNamesTheFile() throws IOException {
        Path l = file("labels.txt", "0\n1\n2\n");
        Path shortPred = file("short.txt", "0\n1\n");
        assertThat(cli.run("evaluate", "--labels", l.toString(), "--predictions", shortPred.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("short.txt has 2 predictions").contains("labels.txt has 3 labels");

        Path bad = file("bad.txt", "0\n1\nfoo\n");
        assertThat(cli.run("evaluate", "--labels", l.toString(), "--predictions", bad.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("bad.txt line 3: 'foo' is not an integer");

        Path empty = file("empty.txt", "");
        assertThat(cli.run("evaluate", "--labels", l.toString(), "--predictions", empty.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("empty.txt is empty");

        Path csv = file("a.csv", "index,cluster\n0,1\n");
        assertThat(cli.run("evaluate", "--predictions", csv.toString())).isEqualTo(2);
        assertThat(cli.err()).contains("a.csv has no column 'label'");

        assertThat(cli.run("evaluate", "--labels", dir.resolve("nope.txt").toString(), "--predictions", l.toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("file not found").contains("nope.txt");

        assertThat(cli.run("evaluate", "--labels", l.toString())).isEqualTo(2); // --predictions is required
        assertThat(cli.out()).isEmpty();
    }
}
