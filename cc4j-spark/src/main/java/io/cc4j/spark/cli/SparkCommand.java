package io.cc4j.spark.cli;

import io.cc4j.cli.common.CommandLines;
import io.cc4j.cli.common.ErrorHandler;
import io.cc4j.cli.common.ParentCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code cc4j spark}: assignment and the k-means ablation on Apache Spark. A program of its own, so that only
 * these commands run with Spark on the class path: {@code ./cc4j spark ...} starts it with Spark's jars, and
 * {@code spark-submit} starts it from the shaded jar ({@code cc4j-spark-all.jar}, whose main class it is).
 *
 * <p>Exit codes: 0 success, 1 internal failure (in cluster deploy mode: any failure of the driver), 2 bad input or
 * usage (also executors that cannot load cc4j's classes), 3 an output that cannot be written.
 */
@Command(name = "cc4j spark", mixinStandardHelpOptions = true,
        versionProvider = SparkCommand.Version.class,
        description = {"Assigns images to clusters and runs the k-means ablation on Apache Spark.",
            "In local mode (--master local[N]), or on a cluster: --master spark://HOST:PORT, yarn or k8s://...,"
                    + " or under spark-submit."},
        subcommands = {CommandLine.HelpCommand.class, SparkAssignCommand.class, SparkKMeansCommand.class})
public final class SparkCommand extends ParentCommand {
    /** Spark's refusals of a setting or a query are the user's mistakes too. */
    private static final ErrorHandler ERRORS = ErrorHandler.builder("cc4j spark")
            .badInput(IllegalArgumentException.class).badInput(org.apache.spark.sql.AnalysisException.class).build();

    /** @return the configured command line (tests call {@code execute} on it) */
    public static CommandLine commandLine() {
        return CommandLines.configure(new CommandLine(new SparkCommand()), ERRORS);
    }

    /**
     * Runs {@code cc4j spark} and exits with its code.
     *
     * @param args the command line after {@code spark}
     */
    public static void main(String[] args) {
        QuietLogging.unlessConfigured();
        System.exit(commandLine().execute(args));
    }

    /** The cc4j and Spark versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cc4j " + io.cc4j.Version.get() + ", Apache Spark " + sparkVersion()};
        }

        /** Spark's version, from the manifest of its SQL jar. */
        private static String sparkVersion() {
            String v = org.apache.spark.sql.SparkSession.class.getPackage().getImplementationVersion();
            return v == null ? "unknown" : v;
        }
    }
}
