package io.cc4j.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cc4j.engine.NoGrad;
import io.cc4j.model.ContrastiveModel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the network in eval mode without autograd, one batch at a time: concurrent callers take turns, since
 * libtorch already spreads one forward pass over all its threads and DJL's parameter store is not meant for
 * concurrent first use.
 */
final class ModelRunner {
    private final ContrastiveModel model;
    private final int size;
    private final ReentrantLock lock = new ReentrantLock(true);

    /** What one forward pass returns: y (n x K), and the requested features (n x dim) or null. */
    record Output(float[] probabilities, float[] features, int featureDim) {
    }

    ModelRunner(ContrastiveModel model, int size) {
        this.model = model;
        this.size = size;
    }

    Output run(float[] pixels, int n, FeatureKind features) {
        lock.lock();
        try (NoGrad noGrad = NoGrad.enter(); NDManager scope = model.manager().newSubManager()) {
            NDArray x = scope.create(pixels, new Shape(n, 3, size, size));
            NDList out = model.inferAll(x);
            float[] y = out.get(2).toFloatArray();
            if (features == null) {
                return new Output(y, null, 0);
            }
            NDArray f = out.get(features == FeatureKind.BACKBONE ? 0 : 1);
            return new Output(y, f.toFloatArray(), (int) f.getShape().get(1));
        } finally {
            lock.unlock();
        }
    }
}
