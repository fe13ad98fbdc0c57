package io.cc4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.metrics.ClusteringScores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is written to summary.json reads back, and a file written by hand reads as far as it goes. */
class RunSummaryTest {
    @TempDir
    Path tmp;

    @Test
    void writtenResultsAndFactsReadBackInOrder() throws IOException {
        RunLayout run = RunLayout.of(Files.createDirectories(tmp.resolve("run")));
        ClusteringScores head = ClusteringScores.of(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0});
        ClusteringScores kmeans = ClusteringScores.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1});
        new RunSummary().result("CC cluster head", head).result("k-means", kmeans).fact("images", 4)
                .fact("train_seconds", 1.5).write(run);
        RunSummary read = RunSummary.read(run.summary());
        assertThat(read.results()).extracting(RunSummary.Result::name).containsExactly("CC cluster head", "k-means");
        assertThat(read.results().get(0).nmi()).isEqualTo(head.nmi());
        assertThat(read.results().get(1).acc()).isEqualTo(kmeans.acc());
        assertThat(read.scalars()).containsEntry("images", "4").containsEntry("train_seconds", "1.5");
        assertThat(Files.readString(run.summary())).contains("\"fmi\"").contains("\"classes\"");
        assertThat(read.table()).contains("CC cluster head").contains("1.0000");
    }

    @Test
    void aScoreTheFileLacksIsNaNAndABrokenFileIsNamed() throws IOException {
        Path file = Files.writeString(tmp.resolve("summary.json"), "{\"results\": [{\"name\": \"x\", \"nmi\": 0.5}]}");
        RunSummary.Result r = RunSummary.read(file).results().get(0);
        assertThat(r.nmi()).isEqualTo(0.5);
        assertThat(r.acc()).isNaN();
        Files.writeString(file, "{\"results\": ");
        assertThatThrownBy(() -> RunSummary.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file.toString());
    }
}
