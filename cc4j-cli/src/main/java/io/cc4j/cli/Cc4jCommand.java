package io.cc4j.cli;

import io.cc4j.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code cc4j} command-line tool: a thin layer of option parsing over the library.
 *
 * <p>Exit codes: 0 success, 1 internal failure, 2 bad input or usage, 3 an output cannot be written (disk full,
 * read-only file system, no permission), 130 / 143 training stopped by SIGINT / SIGTERM after a checkpoint.
 */
@Command(
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal failure", "2:bad input or usage (the message names the file or value)",
            "3:an output cannot be written: disk full, read-only file system, no permission (the message names the "
                    + "path; nothing half-written is left)",
            "130:stopped by SIGINT (train: after a checkpoint; continue with --resume)",
            "143:stopped by SIGTERM (train: after a checkpoint; continue with --resume)"},
        name = "cc4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Contrastive Clustering (Li et al., AAAI 2021) of unlabeled images on the JVM.",
        subcommands = {CommandLine.HelpCommand.class, DataCommand.class, TrainCommand.class, ClusterCommand.class,
            EvaluateCommand.class, ReportCommand.class, ExportCommand.class, ImportCommand.class, DemoCommand.class,
            AugmentCommand.class, BenchCommand.class, InfoCommand.class, BoostCommand.class,
            EstimateKCommand.class, MergeCommand.class, ServeCommand.class, SparkCommand.class})
public final class Cc4jCommand implements Runnable {
    /** Exit code for bad input or usage. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code when an output cannot be written (disk full, read-only, no permission). */
    public static final int EXIT_CANNOT_WRITE = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the configured command line (also used by tests, which call {@code execute} on it). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Cc4jCommand());
        cl.setExecutionExceptionHandler(Cc4jCommand::handleExecutionException);
        return cl;
    }

    private static int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof io.cc4j.io.CannotWriteException) {
            err.println("cc4j: error: " + ex.getMessage());
            return EXIT_CANNOT_WRITE;
        }
        if (ex instanceof InvalidInputException) {
            err.println("cc4j: error: " + ex.getMessage());
            return EXIT_BAD_INPUT;
        }
        if (ex.getCause() instanceof OutOfMemoryError oom) {
            err.println(outOfMemory(oom));
            return 1;
        }
        err.println("cc4j: internal error: " + ex);
        ex.printStackTrace(err);
        return 1;
    }

    /**
     * Runs the tool and exits with its exit code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println(outOfMemory(e));
            code = 1;
        }
        System.exit(code);
    }

    private static String outOfMemory(OutOfMemoryError e) {
        return "cc4j: internal error: out of memory (" + e.getMessage() + "); give the JVM more with "
                + "CC4J_JAVA_OPTS=-Xmx..., or use smaller batches";
    }
}
