package io.cc4j.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Starts DJL's PyTorch engine offline, from the native jar on the class path; nothing is downloaded.
 */
public final class EngineSupport {
    private static NativeCheck nativeCheck;

    private EngineSupport() {
    }

    /**
     * Forces offline mode, returns the PyTorch engine and sets libtorch's intra-op thread count.
     *
     * <p>A positive thread count is applied on every call, not only when the engine starts, so that a run
     * asking for one thread (for bit-exact replays) gets one even when the engine was started earlier in the
     * JVM. Inter-op threads can only be chosen before the engine's first use; they follow the first call.
     *
     * @param threads intra-op threads for libtorch, or 0 to leave the current setting (the core count unless
     *     changed)
     * @return the started engine
     */
    public static synchronized Engine pytorch(int threads) {
        System.setProperty("ai.djl.offline", "true");
        if (threads > 0 && System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
        }
        // Autograd graphs are only needed while training; DJL's PyTorch engine keeps them off otherwise.
        Engine engine = Engine.getEngine("PyTorch");
        if (nativeCheck == null) {
            nativeCheck = NativeCheck.perform(engine);
        }
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
        pytorch(0);
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
