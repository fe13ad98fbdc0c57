package io.cc4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.inference.AssignmentsCsv;
import io.cc4j.train.EpochRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        RunContents run = RunContents.open(dir);
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
        RunContents run = RunContents.open(dir);
        assertThat(run.configuration()).isEmpty();
        assertThat(run.dataSpecs()).isEmpty();
        assertThat(run.problems()).first().asString().startsWith("config.json is unreadable")
                .contains(dir.resolve("config.json").toString());
    }

    @Test
    void metricsSkipBadLinesAndKeepSeries() throws IOException {
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"epoch\":1,\"total_loss\":3.0}\n\n[1,2]\n"
                + "{\"epoch\":2,\"total_loss\":2.0,\"nmi\":0.4}\n{\"epoch\":3,\"total_loss\":NaN}\n");
        RunContents run = RunContents.open(dir);
        List<EpochRecord> log = run.metrics().orElseThrow();
        assertThat(log).extracting(EpochRecord::epoch).containsExactly(1, 2);
        assertThat(run.problems()).filteredOn(p -> p.startsWith("metrics.jsonl line")).hasSize(2)
                .anyMatch(p -> p.contains("line 3")).anyMatch(p -> p.contains("line 5"));
        assertThat(MetricSeries.of(log, EpochRecord.TOTAL_LOSS).values()).containsExactly(3.0, 2.0);
        assertThat(MetricSeries.of(log, EpochRecord.NMI).epochs()).containsExactly(2.0);
        assertThat(MetricSeries.lastWith(log, EpochRecord.NMI).map(EpochRecord::epoch)).contains(2);
    }

    @Test
    void assignmentsReadQuotedIdsAndBuildTheContingencyTable() throws IOException {
        Files.writeString(dir.resolve("a.csv"), "index,id,cluster,confidence,label\n"
                + "0,\"imgs/a,b.png\",1,0.9,0\n1,imgs/c.png,0,0.8,1\n2,x,1,0.7,0\n");
        AssignmentsCsv.Rows a = AssignmentsCsv.read(dir.resolve("a.csv"));
        assertThat(a.size()).isEqualTo(3);
        assertThat(a.id(0)).isEqualTo("imgs/a,b.png");
        assertThat(a.clusterSizes()).containsExactly(1, 2);
        assertThat(a.contingency()).isDeepEqualTo(new long[][] {{0, 1}, {2, 0}});
    }
}
