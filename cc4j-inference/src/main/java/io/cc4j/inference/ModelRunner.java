package io.cc4j.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cc4j.engine.NoGrad;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.FeatureKind;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the network in eval mode without autograd, one batch at a time: concurrent callers take turns, since
 * libtorch already spreads one forward pass over all its threads and DJL's parameter store is not meant for
 * concurrent first use.
 *
 * <p>Closing takes the same turn: it waits for the pass in flight, and no pass starts after it. Freeing the
 * network's native memory under a running pass made libtorch read freed tensors (a SIGSEGV in batch norm when a
 * server was stopped during its warm-up).
 */
final class ModelRunner {
    private final ContrastiveModel model;
    private final int size;
    private final ReentrantLock lock = new ReentrantLock(true);
    private boolean closed;

    /**
     * What one forward pass returns: y (n x K) and, when asked for, the instance features z and the backbone
     * features h (n x dim each, else null).
     */
    record Output(float[] probabilities, float[] instance, int instanceDim, float[] backbone, int backboneDim) {
        float[] features(FeatureKind kind) {
            return kind == FeatureKind.BACKBONE ? backbone : instance;
        }

        int dim(FeatureKind kind) {
            return kind == FeatureKind.BACKBONE ? backboneDim : instanceDim;
        }
    }

    ModelRunner(ContrastiveModel model, int size) {
        this.model = model;
        this.size = size;
    }

    Output run(float[] pixels, int n, boolean instance, boolean backbone) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the predictor is closed");
            }
            return forward(pixels, n, instance, backbone);
        } finally {
            lock.unlock();
        }
    }

    private Output forward(float[] pixels, int n, boolean instance, boolean backbone) {
        try (NoGrad noGrad = NoGrad.enter(); NDManager scope = model.manager().newSubManager()) {
            NDArray x = scope.create(pixels, new Shape(n, 3, size, size));
            NDList out = model.inferAll(x);
            NDArray h = out.get(0);
            NDArray z = out.get(1);
            return new Output(out.get(2).toFloatArray(), instance ? z.toFloatArray() : null,
                    (int) z.getShape().get(1), backbone ? h.toFloatArray() : null, (int) h.getShape().get(1));
        }
    }

    /**
     * Waits for the pass in flight, refuses passes from now on and, when the runner owns the network, frees it.
     *
     * @param freeModel whether to close the network
     */
    void close(boolean freeModel) {
        lock.lock();
        try {
            if (!closed && freeModel) {
                model.close();
            }
            closed = true;
        } finally {
            lock.unlock();
        }
    }
}
