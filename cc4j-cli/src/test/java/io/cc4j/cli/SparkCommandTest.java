package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CLI lists {@code spark} but never runs Spark itself: the launcher starts the Spark module's program. */
class SparkCommandTest {
    @Test
    void helpListsSparkAndTheCliJarAloneSaysHowToRunIt() {
        assertThat(CliRun.once("--help").out()).containsPattern("(?m)^\\s+spark\\s+Assignment and the k-means");
        CliRun.Result r = CliRun.once("spark", "assign", "--model", "runs/x", "--data", "fashion-mnist");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("./cc4j spark").contains("spark-submit");
    }

    @Test
    void theCliClassPathHoldsNoSpark() {
        assertThat(getClass().getClassLoader().getResource("org/apache/spark/sql/SparkSession.class")).isNull();
    }
}
