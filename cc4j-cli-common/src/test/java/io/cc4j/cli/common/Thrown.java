package io.cc4j.cli.common;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Runs a command that throws, through a program's error handler, for tests of what reaches stderr. */
public final class Thrown {
    /**
     * @param code the exit code
     * @param err what stderr got, trimmed
     */
    public record Outcome(int code, String err) {
    }

    private Thrown() {
    }

    /** @return the exit code and stderr when a command throws {@code e} under {@code handler} */
    public static Outcome by(RuntimeException e, ErrorHandler handler) {
        CommandLine cl = CommandLines.configure(new CommandLine(new Thrower(e)), handler);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        return new Outcome(cl.execute(), err.toString().trim());
    }

    /** A command that throws. */
    @Command(name = "thrower", exitCodeList = {"130:stopped"})
    static final class Thrower implements Runnable {
        private final RuntimeException e;

        Thrower(RuntimeException e) {
            this.e = e;
        }

        @Override
        public void run() {
            throw e;
        }
    }
}
