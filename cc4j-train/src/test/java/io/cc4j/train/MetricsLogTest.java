package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    @TempDir
    Path dir;

    @Test
    void writtenLinesCarryExactlyTheFileFieldsAndReadBackBothWays() throws IOException {
        MetricsLog log = MetricsLog.create(RunLayout.of(dir));
        EpochRecord plain = new EpochRecord(1, 5.0, 2.0, 7.0, 1.5, 100.0, null, null, null, null);
        EpochRecord scored = new EpochRecord(2, 4.0, 1.5, 5.5, 1.25, 120.0, null, null, null, 6.25).withScores(0.6, 0.9, 0.5);
        log.append(plain);
        log.append(scored);

        List<String> lines = Files.readAllLines(RunLayout.of(dir).metrics());
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        List<String> keys = new ArrayList<>();
        second.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly(EpochRecord.EPOCH, EpochRecord.INSTANCE_LOSS, EpochRecord.CLUSTER_LOSS,
                EpochRecord.TOTAL_LOSS, EpochRecord.SECONDS, EpochRecord.IMAGES_PER_SECOND, EpochRecord.NMI,
                EpochRecord.ACC, EpochRecord.ARI, EpochRecord.INSTANCE_ONLY_LOSS);
        assertThat(new ObjectMapper().readTree(lines.get(0)).has(EpochRecord.NMI)).isFalse();
        assertThat(new ObjectMapper().readTree(lines.get(0)).has(EpochRecord.INSTANCE_ONLY_LOSS)).isFalse();

        assertThat(MetricsLog.readAll(RunLayout.of(dir))).containsExactly(plain, scored);
        MetricsLog.LenientRead lenient = MetricsLog.readLenient(RunLayout.of(dir).metrics());
        assertThat(lenient.records()).containsExactly(plain, scored);
        assertThat(lenient.problems()).isEmpty();
        assertThat(scored.values()).containsOnlyKeys(keys).containsEntry(EpochRecord.ACC, 0.9);
    }

    @Test
    void lenientReadSkipsBadLinesAndLeavesMissingFieldsOut() throws IOException {
        Path f = dir.resolve("m.jsonl");
        Files.writeString(f, "{\"epoch\":1,\"total_loss\":3.0,\"unknown\":1,\"seconds\":\"slow\"}\n\n[1,2]\n"
                + "{\"total_loss\":2.0}\n{\"epoch\":2,\"nmi\":0.4}\n{\"epoch\":3,\"tot");
        MetricsLog.LenientRead read = MetricsLog.readLenient(f);

        assertThat(read.records()).extracting(EpochRecord::epoch).containsExactly(1, 2);
        EpochRecord first = read.records().get(0);
        assertThat(first.totalLoss()).isEqualTo(3.0);
        assertThat(first.instanceLoss()).isNaN();
        assertThat(first.seconds()).isNaN();
        assertThat(first.nmi()).isNull();
        assertThat(first.values()).containsOnlyKeys(EpochRecord.EPOCH, EpochRecord.TOTAL_LOSS);
        assertThat(read.records().get(1).values()).containsOnlyKeys(EpochRecord.EPOCH, EpochRecord.NMI);
        assertThat(read.problems()).hasSize(3);
        assertThat(read.problems().get(0)).startsWith("m.jsonl line 3 skipped");
        assertThat(read.problems().get(1)).startsWith("m.jsonl line 4 skipped").contains("epoch");
        assertThat(read.problems().get(2)).startsWith("m.jsonl line 6 skipped");

        // The strict reader used on resume refuses the same file, naming it and the line.
        Files.writeString(RunLayout.of(dir).metrics(), Files.readString(f));
        assertThatThrownBy(() -> MetricsLog.readAll(RunLayout.of(dir))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("metrics.jsonl").hasMessageContaining("line 1");
    }

    @Test
    void lenientReadOfAMissingFileNamesIt() {
        Path missing = dir.resolve("none.jsonl");
        assertThatThrownBy(() -> MetricsLog.readLenient(missing)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(missing.toString());
    }
}
