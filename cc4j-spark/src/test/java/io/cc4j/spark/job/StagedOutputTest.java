package io.cc4j.spark.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.spark.SparkTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** A job's output appears under its name only once complete: a failed job leaves nothing, an old output stays. */
class StagedOutputTest {
    static final SparkSession SPARK = SparkTestSupport.spark();

    static Dataset<Row> rows(boolean fail) {
        return SPARK.range(0, 40, 1, 4).map((MapFunction<Long, Long>) i -> {
            if (fail && i == 37) {
                throw new IllegalStateException("injected failure in the last task");
            }
            return i * 2;
        }, Encoders.LONG()).toDF("value");
    }

    static Path fresh(String name) throws IOException {
        return Files.createDirectories(SparkTestSupport.scratch().resolve("staged-" + name)).resolve("out");
    }

    /** @return what is in the output's parent besides the output: a staging directory left behind would show */
    static List<String> siblings(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("out")).toList();
        }
    }

    @Test
    void aFailedJobLeavesNoOutputDirectoryAndNoStagingDirectory() throws IOException {
        for (OutputFormat format : OutputFormat.values()) {
            Path out = fresh("failed-" + format);
            assertThatThrownBy(() -> format.write(rows(true), out.toString(), Map.of(), false, List.of()))
                    .hasStackTraceContaining("injected failure");
            assertThat(out).doesNotExist();
            assertThat(siblings(out)).isEmpty();
        }
    }

    @Test
    void aSuccessfulJobWritesUnderTheFinalNameOnly() throws IOException {
        Path out = fresh("ok");
        OutputFormat.PARQUET.write(rows(false), out.toString(), Map.of(), false, List.of());
        assertThat(SPARK.read().parquet(out.toString()).count()).isEqualTo(40);
        assertThat(out.resolve("_SUCCESS")).exists();
        assertThat(siblings(out)).isEmpty();
    }

    @Test
    void aFailedOverwriteLeavesTheOldOutputAsItWas() throws IOException {
        Path out = fresh("overwrite");
        OutputFormat.CSV.write(rows(false), out.toString(), Map.of(), false, List.of());
        long before = SPARK.read().option("header", "true").csv(out.toString()).count();
        assertThatThrownBy(() -> OutputFormat.CSV.write(rows(true), out.toString(), Map.of(), true, List.of()))
                .hasStackTraceContaining("injected failure");
        assertThat(SPARK.read().option("header", "true").csv(out.toString()).count()).isEqualTo(before);
        assertThat(siblings(out)).isEmpty();
        OutputFormat.CSV.write(rows(false).limit(5), out.toString(), Map.of(), true, List.of());
        assertThat(SPARK.read().option("header", "true").csv(out.toString()).count()).isEqualTo(5);
    }

    @Test
    void anExistingOutputIsRefusedBeforeAnyTaskRuns() throws IOException {
        Path out = fresh("exists");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        assertThatThrownBy(() -> OutputFormat.PARQUET.write(rows(true), out.toString(), Map.of(), false, List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("exists")
                .hasMessageNotContaining("injected");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }
}
