package io.cc4j.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cc4j.engine.EngineSupport;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.ModelSpec;

/** Models for tests whose BatchNorm running statistics are not the initial 0 and 1. */
public final class UsedModels {
    private UsedModels() {
    }

    /**
     * @param spec the network
     * @param seed seed of the parameters and of the inputs of a few training-mode forwards
     * @return the model (the caller closes it)
     */
    public static ContrastiveModel of(ModelSpec spec, long seed) {
        ContrastiveModel model = spec.build(seed, false);
        try (NDManager scope = model.manager().newSubManager()) {
            EngineSupport.engine().setRandomSeed((int) seed);
            NDArray x = scope.randomUniform(0f, 1f, new Shape(4, 3, spec.imageSize(), spec.imageSize()));
            model.forwardViews(x, true);
        }
        return model;
    }
}
