package io.cc4j.serve;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Waits for SIGINT or SIGTERM so that a server can stop cleanly and the process exit 0: the signals' default
 * handlers are replaced (the JVM would otherwise begin exiting with 130 or 143 at once), and the first one received
 * wakes {@link #await()}. Where they cannot be handled (a JVM run with {@code -Xrs}), they keep their default
 * action, and a program should also stop its server from a shutdown hook.
 */
public final class ShutdownSignals {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);

    private final CountDownLatch received = new CountDownLatch(1);
    private final AtomicReference<String> name = new AtomicReference<>();

    private ShutdownSignals() {
    }

    /** @return a waiter with the handlers of SIGINT and SIGTERM installed */
    public static ShutdownSignals install() {
        ShutdownSignals signals = new ShutdownSignals();
        for (String sig : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(sig), s -> signals.fire("SIG" + s.getName()));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.debug("cannot handle SIG{}: {}", sig, e.toString());
            }
        }
        return signals;
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
