package io.cc4j.cli;

import io.cc4j.cli.common.CommandLines;
import io.cc4j.cli.common.ErrorHandler;
import io.cc4j.cli.common.ExitCodes;
import io.cc4j.cli.common.ParentCommand;
import io.cc4j.train.RunExistsException;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * Entry point of the {@code cc4j} command-line tool: a thin layer of option parsing over the library.
 *
 * <p>Exit codes ({@link ExitCodes}): 0 success, 1 internal failure, 2 bad input or usage, 3 an output cannot be
 * written (disk full, read-only file system, no permission), 130 / 143 training stopped by SIGINT / SIGTERM after
 * a checkpoint.
 */
@Command(
        exitCodeList = {"130:stopped by SIGINT (train, boost: after a checkpoint; continue with --resume)",
            "143:stopped by SIGTERM (train, boost: after a checkpoint; continue with --resume)"},
        name = "cc4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Contrastive Clustering (Li et al., AAAI 2021) of unlabeled images on the JVM.",
        subcommands = {CommandLine.HelpCommand.class, DataCommand.class, TrainCommand.class, ClusterCommand.class,
            EvaluateCommand.class, ReportCommand.class, ExportCommand.class, ImportCommand.class, DemoCommand.class,
            AugmentCommand.class, BenchCommand.class, InfoCommand.class, BoostCommand.class,
            EstimateKCommand.class, MergeCommand.class, ServeCommand.class, SparkCommand.class})
public final class Cc4jCommand extends ParentCommand {
    /** Exit code for bad input or usage. */
    public static final int EXIT_BAD_INPUT = ExitCodes.BAD_INPUT;
    /** Exit code when an output cannot be written (disk full, read-only, no permission). */
    public static final int EXIT_CANNOT_WRITE = ExitCodes.CANNOT_WRITE;

    /** The commands that continue a run with {@code --resume}. */
    private static final Set<String> RESUMABLE = Set.of("train", "boost");

    private static final ErrorHandler ERRORS = ErrorHandler.builder("cc4j")
            .hint(RunExistsException.class, (e, failed) -> RESUMABLE.contains(failed.getCommandName())
                    ? "continue it with: cc4j " + failed.getCommandName() + " --resume " + e.runDir() : null)
            .outOfMemoryHint("give the JVM more with CC4J_JAVA_OPTS=-Xmx..., or use smaller batches").build();

    /** Set by {@link #main}: the process ends when the command does. */
    private static volatile boolean mainProgram;

    /**
     * @return whether the command runs as the {@code cc4j} program, which exits when it ends (its signal handlers
     *     then stay until the exit), rather than in-process (tests, which get the JVM's handlers back)
     */
    static boolean isMainProgram() {
        return mainProgram;
    }

    /** Builds the configured command line (also used by tests, which call {@code execute} on it). */
    public static CommandLine commandLine() {
        return CommandLines.configure(new CommandLine(new Cc4jCommand()), ERRORS);
    }

    /**
     * Runs the tool and exits with its exit code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        mainProgram = true;
        if (args.length > 0 && args[0].equals("serve")) {
            // Before anything else: a SIGTERM from now on stops the server cleanly instead of the JVM exiting 143.
            ServeCommand.installSignalsEarly();
        }
        int code;
        try {
            code = commandLine().execute(args);
        } catch (OutOfMemoryError e) {
            System.err.println(ERRORS.outOfMemory(e));
            code = ExitCodes.FAILURE;
        }
        System.exit(code);
    }
}
