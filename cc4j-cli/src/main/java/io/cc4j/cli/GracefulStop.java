package io.cc4j.cli;

import io.cc4j.cli.common.ImmediateExit;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM during training: the first asks training to stop after the current step, write a
 * checkpoint at that step and exit with 130 (SIGINT) or 143 (SIGTERM); a second one stops the process at once with
 * the same code, and the newest complete checkpoint stays as it was (checkpoints are written to a temporary file
 * and renamed). Outside the part of a command that can stop gracefully, the first signal stops at once.
 *
 * <p>The JVM's own handling of these signals (run the shutdown hooks, exit 130 or 143) is replaced while this is
 * installed; signal handlers run on a thread of their own, so they work while the training thread is inside
 * libtorch. {@code sun.misc.Signal} is in the {@code jdk.unsupported} module, open to class-path code.
 *
 * <p>{@link #close()} puts back the handlers that were there before: a command run in-process (tests) leaves the
 * JVM as it found it. The {@code cc4j} program itself keeps them until the process ends
 * ({@link Cc4jCommand#main}), so that a signal in the last moments of a command still gets this handling rather than
 * the JVM's, which would race the exit code the command returned.
 */
final class GracefulStop implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GracefulStop.class);
    /** Exit code after SIGINT, as shells report it: 128 + 2. */
    static final int EXIT_SIGINT = 130;
    /** Exit code after SIGTERM: 128 + 15. */
    static final int EXIT_SIGTERM = 143;

    private final PrintStream err;
    private final AtomicReference<Signal> received = new AtomicReference<>();
    private volatile boolean graceful;
    private volatile String atOnce = "";
    private final Map<Signal, SignalHandler> before = new LinkedHashMap<>();

    private GracefulStop(PrintStream err) {
        this.err = err;
    }

    /**
     * Installs the handlers for SIGINT and SIGTERM.
     *
     * @param err where the notices go
     * @return the installed handler; {@link #stopRequested()} is false until a signal comes; close it when the
     *     command ends
     */
    static GracefulStop install(PrintStream err) {
        GracefulStop stop = new GracefulStop(err);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(name);
                stop.before.put(signal, Signal.handle(signal, stop::handle));
            } catch (IllegalArgumentException e) {
                // The JVM runs with -Xrs or the signal is in use: its default handling stays.
            }
        }
        // Found now rather than when a second signal comes: the immediate stop is then only a system call.
        ImmediateExit.prepare();
        LOG.debug("SIGINT and SIGTERM handled from monotonic time {} ns on", System.nanoTime());
        return stop;
    }

    /**
     * Enters or leaves the part of the command that stops gracefully (training).
     *
     * @param on whether a first signal should stop gracefully
     * @param otherwise what a signal outside that part leaves behind, for its notice (e.g. "the report is not
     *     written; make it with cc4j report RUN_DIR")
     */
    void graceful(boolean on, String otherwise) {
        this.atOnce = otherwise == null ? "" : otherwise;
        this.graceful = on;
    }

    /**
     * Runs the part of a command that stops gracefully (training, boosting). A failure leaves that part before it
     * propagates: a failed run has nothing to stop gracefully, so a signal then stops at once.
     *
     * @param work the run
     * @return its result
     */
    <T> T during(java.util.function.Supplier<T> work) {
        graceful(true, null);
        try {
            return work.get();
        } catch (RuntimeException e) {
            graceful(false, null);
            throw e;
        }
    }

    /** @return whether a signal asked to stop */
    boolean stopRequested() {
        return received.get() != null;
    }

    /** @return the exit code for the signal received (130 or 143), or 0 without one */
    int exitCode() {
        Signal s = received.get();
        return s == null ? 0 : code(s);
    }

    /** @return "SIGINT" or "SIGTERM", or null without a signal */
    String signalName() {
        Signal s = received.get();
        return s == null ? null : "SIG" + s.getName();
    }

    private void handle(Signal signal) {
        if (graceful && received.compareAndSet(null, signal)) {
            err.println();
            err.println("cc4j: SIG" + signal.getName() + ": stopping after the current step and writing a checkpoint"
                    + " (send it again to stop at once)");
            err.flush();
            return;
        }
        err.println();
        err.println("cc4j: SIG" + signal.getName() + ": stopped at once"
                + (received.get() != null ? "; the last complete checkpoint is intact" : "")
                + (atOnce.isEmpty() ? "" : "; " + atOnce));
        err.flush();
        // Nothing may wait for the training thread, which may be inside a checkpoint write or a step in libtorch:
        // ImmediateExit ends the process without the C library's exit, whose static destructors raced that step.
        ImmediateExit.now(code(received.get() != null ? received.get() : signal));
    }

    /**
     * Puts back the handlers SIGINT and SIGTERM had before {@link #install}, unless this process ends with the
     * command ({@link Cc4jCommand#main}). Safe to call more than once.
     */
    @Override
    public void close() {
        if (Cc4jCommand.isMainProgram()) {
            return;
        }
        synchronized (before) {
            for (Map.Entry<Signal, SignalHandler> e : before.entrySet()) {
                try {
                    Signal.handle(e.getKey(), e.getValue());
                } catch (IllegalArgumentException ex) {
                    // as at install: the JVM's own handling stays
                }
            }
            before.clear();
        }
    }

    private static int code(Signal s) {
        return s.getName().equals("TERM") ? EXIT_SIGTERM : EXIT_SIGINT;
    }
}
