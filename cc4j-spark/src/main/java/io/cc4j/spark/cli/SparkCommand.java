package io.cc4j.spark.cli;

import io.cc4j.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cc4j spark}: assignment and the k-means ablation on Apache Spark. A program of its own, so that only
 * these commands run with Spark on the class path: {@code ./cc4j spark ...} starts it with Spark's jars, and
 * {@code spark-submit} starts it from the shaded jar ({@code cc4j-spark-all.jar}, whose main class it is).
 *
 * <p>Exit codes: 0 success, 1 internal failure, 2 bad input or usage.
 */
@Command(name = "cc4j spark", mixinStandardHelpOptions = true,
        versionProvider = SparkCommand.Version.class,
        description = {"Assigns images to clusters and runs the k-means ablation on Apache Spark, in local mode",
            "(--master local[N]) or on a cluster (spark-submit)."},
        subcommands = {CommandLine.HelpCommand.class, SparkAssignCommand.class, SparkKMeansCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal failure", "2:bad input or usage (the message names the file or value)",
            "3:an output cannot be written (the message names the path)"})
public final class SparkCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** @return the configured command line (tests call {@code execute} on it) */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparkCommand());
        cl.setExecutionExceptionHandler(SparkCommand::handle);
        return cl;
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof io.cc4j.io.CannotWriteException) {
                err.println("cc4j spark: error: " + t.getMessage());
                return 3; // as the README's exit-code table: an output cannot be written
            }
        }
        Throwable bad = badInput(ex);
        if (bad != null) {
            err.println("cc4j spark: error: " + bad.getMessage());
            return 2;
        }
        err.println("cc4j spark: internal error: " + ex);
        ex.printStackTrace(err);
        return 1;
    }

    /** The user's mistake behind an exception, if it is one: bad input, a bad setting, a missing path. */
    private static Throwable badInput(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException || t instanceof IllegalArgumentException
                    || t instanceof org.apache.spark.sql.AnalysisException) {
                return t;
            }
        }
        return null;
    }

    /**
     * Runs {@code cc4j spark} and exits with its code.
     *
     * @param args the command line after {@code spark}
     */
    public static void main(String[] args) {
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
