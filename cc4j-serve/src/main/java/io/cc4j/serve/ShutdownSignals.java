package io.cc4j.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Waits for SIGINT or SIGTERM so that a server can stop cleanly and the process exit 0: the signals' default
 * handlers are replaced (the JVM would otherwise begin exiting with 130 or 143 at once), and the first one received
 * wakes {@link #await()}; later ones change nothing. Where they cannot be handled (a JVM run with {@code -Xrs}), they
 * keep their default action, and a program should also stop its server from a shutdown hook. A signal that was
 * ignored when the process started stays ignored (the JVM will not handle it): a shell without job control starts
 * background commands with SIGINT ignored. {@link #ignored()} names those, so that a program can say so.
 *
 * <p>A signal that arrives before {@link #install()} gets the JVM's handling: the process exits with 128 + the
 * signal's number (130, 143) after the shutdown hooks, or, in the first milliseconds of a JVM (before it handles
 * signals at all), the system ends it with that signal. A program that serves should therefore install this as the
 * first thing it does. Installing logs, at debug level, the moment on the monotonic clock ({@link System#nanoTime()},
 * which every JVM on a Linux machine reads from the same clock), so that a test can tell which signals came before.
 *
 * <p>{@link #close()} puts back the handlers that were there before, for a program that serves within a longer-lived
 * JVM (a test, an embedding application).
 */
public final class ShutdownSignals implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

    private final CountDownLatch received = new CountDownLatch(1);
    private final AtomicReference<String> name = new AtomicReference<>();
    private final List<String> ignored = new ArrayList<>();
    private final Map<Signal, SignalHandler> before = new LinkedHashMap<>();

    private ShutdownSignals() {
    }

    /** @return a waiter with the handlers of SIGINT and SIGTERM installed */
    public static ShutdownSignals install() {
        ShutdownSignals signals = new ShutdownSignals();
        for (String sig : new String[] {"INT", "TERM"}) {
            try {
                Signal signal = new Signal(sig);
                SignalHandler previous = Signal.handle(signal, s -> signals.fire("SIG" + s.getName()));
                signals.before.put(signal, previous);
                if (previous == SignalHandler.SIG_IGN) {
                    signals.ignored.add("SIG" + sig);
                }
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debug("cannot handle SIG{}: {}", sig, e.toString());
            }
        }
        LOG.debug("SIGINT and SIGTERM handled from monotonic time {} ns on", System.nanoTime());
        return signals;
    }

    /**
     * @return the signals that were ignored when the process started and so still are, e.g. {@code [SIGINT]} for a
     *     process started in the background by a shell without job control; empty when both stop the process
     */
    public List<String> ignored() {
        return List.copyOf(ignored);
    }

    /** Wakes {@link #await()} as a signal would (for embedding programs and tests). */
    public void fire(String why) {
        boolean first = name.compareAndSet(null, why);
        LOG.debug("{} received{}", why, first ? "" : " again: the server is already stopping");
        received.countDown();
    }

    /** @return the first signal received so far, e.g. {@code SIGTERM}, or null; does not wait */
    public String receivedSoFar() {
        return name.get();
    }

    /**
     * Blocks until a signal arrives.
     *
     * @return its name, e.g. {@code SIGTERM}
     */
    public String await() throws InterruptedException {
        received.await();
        return name.get();
    }

    /**
     * Puts back the handlers SIGINT and SIGTERM had before {@link #install()}; a signal then gets them again.
     * Safe to call more than once.
     */
    @Override
    public void close() {
        synchronized (before) {
            for (Map.Entry<Signal, SignalHandler> e : before.entrySet()) {
                try {
                    Signal.handle(e.getKey(), e.getValue());
                } catch (IllegalArgumentException | UnsupportedOperationException ex) {
                    LOG.debug("cannot restore the handler of SIG{}: {}", e.getKey().getName(), ex.toString());
                }
            }
            before.clear();
        }
    }
}
