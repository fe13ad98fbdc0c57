package io.cc4j.engine;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A scope in which libtorch records no autograd graph, like PyTorch's {@code torch.no_grad()}.
 *
 * <p>libtorch's grad mode is per thread, and DJL only switches it off on the thread that loaded the engine:
 * inference on any other thread would otherwise build a graph through every parameter. Use with
 * try-with-resources; closing restores the previous mode of this thread.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;

    private NoGrad() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    /** @return a scope that switches autograd off on this thread until closed */
    public static NoGrad enter() {
        return new NoGrad();
    }

    /** Restores this thread's previous grad mode. */
    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
