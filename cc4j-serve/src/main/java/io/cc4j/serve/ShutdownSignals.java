package io.cc4j.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Waits for SIGINT or SIGTERM so that a server can stop cleanly and the process exit 0: the signals' default
 * handlers are replaced (the JVM would otherwise begin exiting with 130 or 143 at once), and the first one received
 * wakes {@link #await()}. Where they cannot be handled (a JVM run with {@code -Xrs}), they keep their default
 * action, and a program should also stop its server from a shutdown hook. A signal that was ignored when the process
 * started stays ignored (the JVM will not handle it): a shell without job control starts background commands with
 * SIGINT ignored. {@link #ignored()} names those, so that a program can say so.
 */
public final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

    private final CountDownLatch received = new CountDownLatch(1);
    private final AtomicReference<String> name = new AtomicReference<>();
    private final List<String> ignored = new ArrayList<>();

    private ShutdownSignals() {
    }

    /** @return a waiter with the handlers of SIGINT and SIGTERM installed */
    public static ShutdownSignals install() {
        ShutdownSignals signals = new ShutdownSignals();
        for (String sig : new String[] {"INT", "TERM"}) {
            try {
                SignalHandler before = Signal.handle(new Signal(sig), s -> signals.fire("SIG" + s.getName()));
                if (before == SignalHandler.SIG_IGN) {
                    signals.ignored.add("SIG" + sig);
                }
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debug("cannot handle SIG{}: {}", sig, e.toString());
            }
        }
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
        name.compareAndSet(null, why);
        received.countDown();
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
}
