package io.cc4j.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine of DJL, from the native jar on the class path.
 *
 * <p>{@link #engine()} only starts it: it changes no process-wide setting, so a library that loads a cc4j
 * model leaves the threads, seeds and system properties of its host program alone. The first start runs the
 * native check once per process ({@link NativeCheck}). {@link #configure(int)} is for the code that owns the
 * process, the command line and training: it sets libtorch's thread counts.
 */
public final class EngineSupport {
    private static final String ENGINE = "PyTorch";
    private static NativeCheck nativeCheck;

    private EngineSupport() {
    }

    /**
     * Returns the PyTorch engine, starting it (and checking its native kernels) on first use.
     *
     * @return the engine
     */
    public static synchronized Engine engine() {
        Engine engine = Engine.getEngine(ENGINE);
        if (nativeCheck == null) {
            nativeCheck = NativeCheck.perform(engine);
        }
        return engine;
    }

    /**
     * Sets libtorch's intra-op thread count, and its inter-op thread count when the engine has not started yet;
     * then returns the engine. For the program that owns the process (the CLI, a training run): libtorch's
     * thread counts are process-wide.
     *
     * <p>The intra-op count applies on every call, so a run asking for one thread (for bit-exact replays) gets one
     * even when the engine was started earlier in the JVM.
     *
     * @param threads intra-op threads, or 0 to leave the current setting
     * @return the started engine
     */
    public static synchronized Engine configure(int threads) {
        if (threads > 0 && nativeCheck == null && System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
        }
        Engine engine = engine();
        if (threads > 0 && JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
        return engine;
    }

    /**
     * What the once-per-process check of the native engine found and did (see {@link NativeCheck}); starts the
     * engine if needed.
     *
     * @return the check's result
     */
    public static synchronized NativeCheck nativeCheck() {
        engine();
        return nativeCheck;
    }

    /** {@code threads} if positive, else the number of cores: what a user's "0 = all cores" means. */
    public static int orAllCores(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** The intra-op thread count libtorch uses now. */
    public static int threads() {
        return JniUtils.getNumThreads();
    }
}
