package io.cc4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void flattensNestedConfigurationAndReadsDataSpecs() throws IOException {
        Files.writeString(dir.resolve("config.json"),
                "{\"data\":[\"cifar10:/d/a\",\"cifar10:/d/b\"],\"clusters\":10,\"aug\":{\"crop\":{\"min\":0.2},"
                        + "\"flip\":true},\"temps\":[0.5,1.0],\"empty\":{},\"lr\":0.0003,"
                        + "\"steps\":[{\"a\":1}]}");
        RunDirectory run = RunDirectory.open(dir);
        assertThat(run.dataSpecs()).containsExactly("cifar10:/d/a", "cifar10:/d/b");
        assertThat(run.clusters()).contains(10);
        assertThat(run.configuration()).containsEntry("aug.crop.min", "0.2").containsEntry("aug.flip", "true")
                .containsEntry("temps", "0.5, 1.0").containsEntry("clusters", "10").containsEntry("empty", "{}")
                .containsEntry("lr", "0.0003").containsEntry("steps", "[{\"a\":1}]");
        assertThat(run.problems()).containsExactly("metrics.jsonl is missing", "assignments.csv is missing");
        assertThat(run.summary()).isEmpty();
    }

    @Test
    void corruptConfigIsAProblemNotAFailure() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"data\": [");
        RunDirectory run = RunDirectory.open(dir);
        assertThat(run.configuration()).isEmpty();
        assertThat(run.dataSpecs()).isEmpty();
        assertThat(run.problems()).first().asString().startsWith("config.json is unreadable")
                .contains(dir.resolve("config.json").toString());
    }

    @Test
    void metricsSkipBadLinesAndKeepSeries() throws IOException {
        Files.writeString(dir.resolve("m.jsonl"), "{\"epoch\":1,\"total_loss\":3.0}\n\n[1,2]\n"
                + "{\"epoch\":2,\"total_loss\":2.0,\"nmi\":0.4}\n{\"epoch\":3,\"total_loss\":NaN}\n");
        MetricsLog log = MetricsLog.read(dir.resolve("m.jsonl"));
        assertThat(log.epochs()).extracting(MetricsLog.Epoch::epoch).containsExactly(1, 2);
        assertThat(log.problems()).hasSize(2).anyMatch(p -> p.contains("line 3")).anyMatch(p -> p.contains("line 5"));
        assertThat(log.series("total_loss").values()).containsExactly(3.0, 2.0);
        assertThat(log.series("nmi").epochs()).containsExactly(2.0);
        assertThat(log.lastWith("nmi").map(MetricsLog.Epoch::epoch)).contains(2);
    }

    @Test
    void assignmentsReadQuotedIdsAndBuildTheContingencyTable() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "index,id,cluster,confidence,label\n"
                + "0,\"imgs/a,b.png\",1,0.9,0\n1,imgs/c.png,0,0.8,1\n2,x,1,0.7,0\n");
        Assignments a = Assignments.read(dir.resolve("a.csv"));
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.id(0)).isEqualTo("imgs/a,b.png");
        assertThat(a.clusterSizes()).containsExactly(1, 2);
        assertThat(a.contingency()).isDeepEqualTo(new long[][] {{0, 1}, {2, 0}});
    }
}
