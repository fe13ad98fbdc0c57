package io.cc4j.cli;

import io.cc4j.InvalidInputException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code cc4j} command-line tool: a thin layer of option parsing over the library.
 *
 * <p>Exit codes: 0 success, 1 internal failure, 2 bad input or usage.
 */
@Command(
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal failure", "2:bad input or usage (the message names the file or value)"},
        name = "cc4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Contrastive Clustering (Li et al., AAAI 2021) of unlabeled images on the JVM.",
        subcommands = {CommandLine.HelpCommand.class, DataCommand.class, TrainCommand.class, ClusterCommand.class,
            EvaluateCommand.class, ReportCommand.class, ExportCommand.class, ImportCommand.class, DemoCommand.class,
            AugmentCommand.class, BenchCommand.class, InfoCommand.class, SparkCommand.class})
public final class Cc4jCommand implements Runnable {
    /** Exit code for bad input or usage. */
    public static final int EXIT_BAD_INPUT = 2;

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
        if (ex instanceof InvalidInputException) {
            err.println("cc4j: error: " + ex.getMessage());
            return EXIT_BAD_INPUT;
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
        System.exit(commandLine().execute(args));
    }
}
