package io.cc4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The instance-level contrastive head (ICH) g_I: Linear(rep, rep), ReLU, Linear(rep, featureDim), then each row
 * L2-normalised, so z rows lie on the unit sphere (z = g(h) / max(||g(h)||, 1e-12), as PyTorch's
 * {@code F.normalize}).
 *
 * <p>Both linear layers are initialised like PyTorch's {@code nn.Linear}, as in the official code.
 */
public final class InstanceHead extends AbstractBlock {
    private final Block hidden;
    private final Block output;
    private final int featureDim;

    /**
     * @param representationDim dimension of the backbone output h
     * @param featureDim dimension of z (128 in the paper)
     */
    public InstanceHead(int representationDim, int featureDim) {
        this.featureDim = featureDim;
        hidden = addChildBlock("hidden", Layers.linear(representationDim, representationDim));
        output = addChildBlock("output", Layers.linear(representationDim, featureDim));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList hiddenOut = hidden.forward(parameterStore, inputs, training, params);
        NDList activated = new NDList(Activation.relu(hiddenOut.singletonOrThrow()));
        NDArray out = output.forward(parameterStore, activated, training, params).singletonOrThrow();
        // F.normalize semantics: divide by max(norm, eps) so an all-zero row stays finite.
        return new NDList(out.normalize(2, 1, 1e-12));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), featureDim)};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        hidden.initialize(manager, dataType, inputShapes);
        output.initialize(manager, dataType, hidden.getOutputShapes(inputShapes));
    }
}
