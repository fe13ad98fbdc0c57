package io.cc4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code cc4j spark}: listed here so that {@code cc4j --help} shows it, but run as a program of its own
 * ({@code io.cc4j.spark.cli.SparkCommand} in the cc4j-spark module): the launcher starts that program with Spark's
 * jars when the first argument is {@code spark}, so no other command carries Spark on its class path. Reached
 * here only when the CLI jar is run without the launcher.
 */
@Command(name = "spark", description = {"Assignment and the k-means ablation on Apache Spark.",
    "In local mode or on a cluster: ./cc4j spark assign|kmeans ... (see ./cc4j spark --help)."},
        exitCodeList = {"2:run without the launcher"})
final class SparkCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Unmatched
    List<String> arguments;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("cc4j: error: the spark commands run with Spark's class path: use"
                + " ./cc4j spark ..., or spark-submit cc4j-spark/target/cc4j-spark-all.jar ... (see the README)");
        return Cc4jCommand.EXIT_BAD_INPUT;
    }
}
