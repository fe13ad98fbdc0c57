package io.cc4j.spark.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** Spark's words for executors without cc4j's jar are recognised and replaced by what to do. */
class ExecutorClassPathExceptionTest {
    /** What Spark 3.5.9 said on a standalone cluster when spark.jars was not set (issue 25). */
    static final String SERIALIZED_LAMBDA = "Job aborted due to stage failure: Task 0 in stage 0.0 failed 4 times,"
            + " most recent failure: Lost task 0.3 in stage 0.0 (TID 4) (127.0.0.1 executor 0):"
            + " java.lang.ClassCastException: cannot assign instance of java.lang.invoke.SerializedLambda to field"
            + " org.apache.spark.sql.execution.MapPartitionsExec.func of type scala.Function1 in instance of"
            + " org.apache.spark.sql.execution.MapPartitionsExec\n\nDriver stacktrace:";

    @Test
    void theSerializedLambdaFailureIsRecognisedInTheCauseChain() {
        Exception e = new SparkException("Job aborted.", new SparkException(SERIALIZED_LAMBDA));
        assertThat(ExecutorClassPathException.sign(e)).startsWith("java.lang.ClassCastException: cannot assign"
                + " instance of java.lang.invoke.SerializedLambda");
        Exception missing = new SparkException("Lost task 1.0 in stage 2.0 (TID 7) (node3 executor 2):"
                + " java.lang.ClassNotFoundException: io.cc4j.spark.PartitionAssigner");
        assertThat(ExecutorClassPathException.sign(missing))
                .isEqualTo("java.lang.ClassNotFoundException: io.cc4j.spark.PartitionAssigner");
        assertThat(ExecutorClassPathException.sign(new SparkException("NoClassDefFoundError: ai/djl/ndarray/NDList")))
                .isEqualTo("NoClassDefFoundError: ai/djl/ndarray/NDList");
    }

    @Test
    void otherFailuresAreLeftAlone() {
        assertThat(ExecutorClassPathException.sign(new SparkException("Lost task 0.0: java.lang.OutOfMemoryError:"
                + " Java heap space"))).isNull();
        assertThat(ExecutorClassPathException.sign(new IllegalStateException("ClassCastException: a cannot be cast"
                + " to b"))).isNull();
    }

    @Test
    void theMessageNamesTheSettingsTheirValuesAndTheJar() {
        String m = ExecutorClassPathException.message("java.lang.ClassNotFoundException: io.cc4j.X", "", "",
                "/opt/cc4j/cc4j-spark-all.jar");
        assertThat(m).contains("the executors cannot load cc4j's classes (java.lang.ClassNotFoundException:"
                + " io.cc4j.X)").contains("spark.jars").contains("is empty").contains("/opt/cc4j/cc4j-spark-all.jar")
                .contains("spark.executor.extraClassPath");
        assertThat(ExecutorClassPathException.message("x", "/opt/other.jar", "/missing.jar", "/a.jar"))
                .contains("is '/opt/other.jar'").contains("spark.executor.extraClassPath is '/missing.jar'");
    }

    @Test
    void aJobFailingSoEndsWithTheExplanationAndOtherFailuresPassThrough() {
        org.apache.spark.sql.SparkSession spark = io.cc4j.spark.SparkTestSupport.spark();
        // SparkException is checked, and Spark throws it from Scala code that declares nothing.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExecutorClassPathException.explained(spark,
                () -> sneaky(new SparkException("Job aborted.", new SparkException(SERIALIZED_LAMBDA)))))
                .isInstanceOf(ExecutorClassPathException.class).isInstanceOf(io.cc4j.InvalidInputException.class)
                .hasMessageContaining("spark.jars").hasCauseInstanceOf(SparkException.class);
        SparkException other = new SparkException("Job aborted: disk full");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ExecutorClassPathException.explained(spark,
                () -> sneaky(other))).isSameAs(other);
    }

    @SuppressWarnings("unchecked")
    static <T, E extends Exception> T sneaky(Exception e) throws E {
        throw (E) e;
    }
}
