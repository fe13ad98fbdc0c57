package io.cc4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.model.FeatureKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file of a run has one place, and a checkpoint finds its run. */
class RunLayoutTest {
    @TempDir
    Path tmp;

    @Test
    void everyFileHasItsPlaceInTheRunDirectory() {
        RunLayout run = RunLayout.of(tmp.resolve("r"));
        Path dir = tmp.resolve("r");
        assertThat(run.config()).isEqualTo(dir.resolve("config.json"));
        assertThat(run.metrics()).isEqualTo(dir.resolve("metrics.jsonl"));
        assertThat(run.checkpoints().directory()).isEqualTo(dir.resolve("checkpoints"));
        assertThat(run.assignments()).isEqualTo(dir.resolve("assignments.csv"));
        assertThat(run.summary()).isEqualTo(dir.resolve("summary.json"));
        assertThat(run.report()).isEqualTo(dir.resolve("report/index.html"));
        assertThat(run.clusterGallery(7)).isEqualTo(dir.resolve("report/cluster-007-top.png"));
        assertThat(run.centroids(FeatureKind.BACKBONE)).isEqualTo(dir.resolve("kmeans-backbone.json"));
        assertThat(run.boostConfig()).isEqualTo(dir.resolve("boost.json"));
        assertThat(run.boostLog()).isEqualTo(dir.resolve("boost.jsonl"));
        assertThat(run.estimateK()).isEqualTo(dir.resolve("estimate-k.json"));
        assertThat(run.lock()).isEqualTo(dir.resolve(".lock"));
        assertThat(run.reportDir()).isEqualTo(dir.resolve("report"));
        assertThat(run.clusterGalleryLeastConfident(2)).isEqualTo(dir.resolve("report/cluster-002-low.png"));
        assertThat(run.estimateKChart()).isEqualTo(dir.resolve("report/estimate-k.png"));
        assertThat(run.batchNormCounters()).isEqualTo(dir.resolve("batchnorm-counters.json"));
        assertThat(run.mergeMapping(5)).isEqualTo(dir.resolve("merge-5.json"));
    }

    @Test
    void aCheckpointFindsItsRunAndOneKeptElsewhereItsOwnDirectory() {
        Path dir = tmp.resolve("run");
        assertThat(RunLayout.ofCheckpoint(dir.resolve("checkpoints/epoch-00003.ckpt")).dir())
                .isEqualTo(dir.toAbsolutePath());
        assertThat(RunLayout.ofCheckpoint(tmp.resolve("models/best.ckpt")).dir())
                .isEqualTo(tmp.resolve("models").toAbsolutePath());
    }

    @Test
    void dataSpecsComeFromAListOrOneString() throws IOException {
        RunLayout run = RunLayout.of(Files.createDirectories(tmp.resolve("specs")));
        assertThat(run.dataSpecs()).as("no configuration").isEmpty();
        run.writeConfig("{\"data\": [\"idx:a\", \"folder:b\"]}");
        assertThat(run.dataSpecs()).containsExactly("idx:a", "folder:b");
        run.writeConfig("{\"data\": \"folder:c\"}");
        assertThat(run.dataSpecs()).containsExactly("folder:c");
    }

    @Test
    void aCorruptConfigurationIsNamed() throws IOException {
        RunLayout run = RunLayout.of(Files.createDirectories(tmp.resolve("corrupt")));
        Files.writeString(run.config(), "[1, 2");
        assertThatThrownBy(run::readConfig).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(run.config().toString());
        Files.writeString(run.config(), "[1, 2]");
        assertThatThrownBy(run::readConfig).hasMessageContaining("not a JSON object");
    }

    @Test
    void temporariesAKilledWriterLeftAreRemovedAndNothingElse() throws IOException {
        RunLayout run = RunLayout.of(Files.createDirectories(tmp.resolve("temps")));
        Files.createDirectories(run.checkpoints().directory());
        Path[] left = {run.dir().resolve(".config.json.123.tmp"), run.dir().resolve(".metrics.jsonl.9.tmp"),
            run.dir().resolve(".assignments.csv.5.tmp"), run.dir().resolve(".kmeans-instance.json.8.tmp"),
            run.dir().resolve(".merge-4.json.2.tmp"), run.checkpoints().directory().resolve(".epoch-00002.ckpt.77.tmp")};
        for (Path p : left) {
            Files.writeString(p, "half");
        }
        Files.writeString(run.config(), "{}");
        Files.writeString(run.dir().resolve(".notes.tmp"), "mine");
        assertThat(run.removeTemporaries()).isEqualTo(left.length);
        assertThat(left).allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(run.config()).exists();
        assertThat(run.dir().resolve(".notes.tmp")).as("not a run file's temporary").exists();
    }

    @Test
    void aRunWithoutCheckpointsHasNoModel() throws IOException {
        RunLayout run = RunLayout.of(Files.createDirectories(tmp.resolve("empty")));
        assertThat(run.hasCheckpoints()).isFalse();
        assertThatThrownBy(run::newestModel).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no trained model in " + run.dir());
        assertThatThrownBy(() -> RunLayout.of(tmp.resolve("missing")).newestModel())
                .hasMessageContaining("run directory not found");
    }
}
