package io.cc4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs {@code cc4j} in-process the way the launcher does ({@link Cc4jCommand#commandLine()}), capturing what the
 * commands print to picocli's out and err. One instance keeps collecting across several runs, so a test can
 * check what a sequence of runs printed; {@link #once(String...)} captures a single run.
 */
final class CliRun {
    /** Exit code and output of one run. */
    record Result(int code, String out, String err) {
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs the command line with {@code args}, appending its output to this instance's, and returns the exit code. */
    int run(String... args) {
        CommandLine cl = Cc4jCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** Everything printed to out by the runs so far. */
    String out() {
        return out.toString();
    }

    /** Everything printed to err by the runs so far. */
    String err() {
        return err.toString();
    }

    /** One run with its own capture. */
    static Result once(String... args) {
        CliRun cli = new CliRun();
        int code = cli.run(args);
        return new Result(code, cli.out(), cli.err());
    }
}
