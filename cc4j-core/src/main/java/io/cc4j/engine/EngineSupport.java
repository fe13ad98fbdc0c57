package io.cc4j.engine;

import ai.djl.engine.Engine;

/**
 * Starts DJL's PyTorch engine offline, from the native jar on the class path; nothing is downloaded.
 */
public final class EngineSupport {
    private EngineSupport() {
    }

    /**
     * Forces offline mode and returns the PyTorch engine.
     *
     * @param threads intra-op threads for libtorch, or 0 to keep the default (core count)
     * @return the started engine
     */
    public static synchronized Engine pytorch(int threads) {
        System.setProperty("ai.djl.offline", "true");
        if (threads > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
        }
        // Autograd graphs are only needed while training; DJL's PyTorch engine keeps them off otherwise.
        return Engine.getEngine("PyTorch");
    }
}
