package io.cc4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An executor's libtorch threads follow the cores Spark gave it, never the machine's. */
class ExecutorCoresTest {
    private static final String STANDALONE = "org.apache.spark.executor.CoarseGrainedExecutorBackend --driver-url"
            + " spark://CoarseGrainedScheduler@127.0.0.1:40001 --executor-id 0 --hostname 127.0.0.1 --cores 3"
            + " --app-id app-1 --worker-url spark://Worker@127.0.0.1:40002 --resourceProfileId 0";

    @Test
    void aClusterExecutorHasTheCoresItWasStartedWith() {
        assertThat(ExecutorCores.resolve(STANDALONE, null, "spark://127.0.0.1:7077", null, 64)).isEqualTo(3);
        assertThat(ExecutorCores.resolve(STANDALONE, "8", "spark://127.0.0.1:7077", "2", 64)).isEqualTo(3);
        String yarn = "org.apache.spark.executor.YarnCoarseGrainedExecutorBackend --driver-url x --executor-id 2"
                + " --hostname node7 --cores 4 --app-id application_1_2 --resourceProfileId 0";
        assertThat(ExecutorCores.resolve(yarn, null, "yarn", null, 64)).isEqualTo(4);
    }

    @Test
    void withoutThatItIsSparkExecutorCoresThenTheLocalMasterThenTheTaskShare() {
        String driver = "io.cc4j.spark.cli.SparkCommand assign --cores 9 --master local[2]";
        assertThat(ExecutorCores.resolve(driver, "6", "spark://h:7077", null, 64)).isEqualTo(6);
        assertThat(ExecutorCores.resolve(driver, null, "local[2]", null, 64)).isEqualTo(2);
        assertThat(ExecutorCores.resolve(driver, null, "local[3,2]", null, 64)).isEqualTo(3);
        assertThat(ExecutorCores.resolve(driver, null, "local[*]", null, 64)).isEqualTo(64);
        assertThat(ExecutorCores.resolve(driver, null, "local", null, 64)).isEqualTo(1);
        assertThat(ExecutorCores.resolve("", null, "spark://h:7077", "2", 64)).isEqualTo(2);
        assertThat(ExecutorCores.resolve("", null, "yarn", null, 64)).as("never the machine's cores").isEqualTo(1);
        assertThat(ExecutorCores.resolve("", "0", null, "x", 64)).isEqualTo(1);
    }

    @Test
    void inTheTestsLocalSessionTheTasksRunInThisJvmWithTheMastersTwoCores() {
        SparkTestSupport.spark();
        assertThat(ExecutorCores.get()).isEqualTo(2);
    }
}
