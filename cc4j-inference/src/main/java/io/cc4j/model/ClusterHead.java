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
 * The cluster-level contrastive head (CCH) g_C: Linear(rep, rep), ReLU, Linear(rep, K), softmax over the K
 * clusters, so each row of y is a probability vector.
 *
 * <p>Both linear layers are initialised like PyTorch's {@code nn.Linear}, as in the official code.
 */
public final class ClusterHead extends AbstractBlock {
    private final Block hidden;
    private final Block output;
    private final int clusters;

    /**
     * @param representationDim dimension of the backbone output h
     * @param clusters number of clusters K
     */
    public ClusterHead(int representationDim, int clusters) {
        this.clusters = clusters;
        hidden = addChildBlock("hidden", Layers.linear(representationDim, representationDim));
        output = addChildBlock("output", Layers.linear(representationDim, clusters));
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(logits(parameterStore, inputs.singletonOrThrow(), training).softmax(1));
    }

    /**
     * The head's output before its softmax, for losses that take logits (the boost stage's cross-entropy).
     *
     * @param parameterStore where the parameters live
     * @param h backbone representations (B, rep)
     * @param training whether autograd records
     * @return logits (B, K)
     */
    public NDArray logits(ParameterStore parameterStore, NDArray h, boolean training) {
        NDList hiddenOut = hidden.forward(parameterStore, new NDList(h), training, null);
        NDList activated = new NDList(Activation.relu(hiddenOut.singletonOrThrow()));
        return output.forward(parameterStore, activated, training, null).singletonOrThrow();
    }

    /**
     * @return the weight of the head's last layer, K x rep (one row per cluster, as PyTorch's Linear stores it):
     *     what merging over-clustered models compares
     */
    public NDArray outputWeight() {
        return output.getParameters().get("weight").getArray();
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), clusters)};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        hidden.initialize(manager, dataType, inputShapes);
        output.initialize(manager, dataType, hidden.getOutputShapes(inputShapes));
    }
}
