package io.cc4j.cli.common;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the process at once, while other threads may still be inside libtorch: the C library's {@code _exit}.
 *
 * <p>{@link Runtime#halt} skips Java's shutdown hooks but still leaves through the C library's {@code exit}, which
 * runs libtorch's, oneDNN's and OpenMP's static destructors; a thread still computing a step (and its OpenMP
 * workers) then reads state those destructors are tearing down, and the JVM can die with a SIGSEGV in a native
 * thread instead of exiting with the code asked for. {@code _exit} runs no destructor and no atexit handler: the
 * kernel ends every thread at once. Files written through the JVM are complete (each write is a system call), so
 * what is lost is only what an immediate stop means to lose.
 */
public final class ImmediateExit {
    private static final Logger LOG = LoggerFactory.getLogger(ImmediateExit.class);

    private ImmediateExit() {
    }

    /** The one function of the C library this needs. */
    private interface CLibrary extends Library {
        void _exit(int status);
    }

    /** Loaded once, by {@link #prepare()} or the first {@link #now}; null when the C library cannot be reached. */
    private static volatile CLibrary libc;
    private static volatile boolean loaded;

    /**
     * Loads the C library's {@code _exit} now (JNA may unpack its native part to a temporary directory first), so
     * that {@link #now} is a system call when the time comes. Safe to call more than once.
     */
    public static void prepare() {
        if (loaded) {
            return;
        }
        synchronized (ImmediateExit.class) {
            if (!loaded) {
                try {
                    libc = Native.load("c", CLibrary.class);
                } catch (UnsatisfiedLinkError | RuntimeException e) {
                    LOG.debug("cannot load the C library's _exit ({}); an immediate stop halts the JVM", e.toString());
                }
                loaded = true;
            }
        }
    }

    /**
     * Flushes standard output and error and ends the process with {@code status}; does not return.
     *
     * @param status the exit code
     */
    public static void now(int status) {
        System.out.flush();
        System.err.flush();
        prepare();
        CLibrary c = libc;
        if (c != null) {
            try {
                c._exit(status);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                LOG.debug("cannot call _exit ({}); halting the JVM instead", e.toString());
            }
        }
        Runtime.getRuntime().halt(status);
    }
}
