package io.cc4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One residual unit of a ResNet: relu(residual(x) + shortcut(x)), where the shortcut is the identity or, when
 * the shape changes, a 1x1 convolution with BN (torchvision's {@code downsample}).
 *
 * <p>A block of its own because DJL's ResNet cannot express torchvision's units exactly.
 */
public final class ResidualUnit extends AbstractBlock {
    private final SequentialBlock residual;
    private final SequentialBlock shortcut;

    private ResidualUnit(SequentialBlock residual, SequentialBlock shortcut) {
        this.residual = addChildBlock("residual", residual);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
    }

    /**
     * A basic unit: 3x3 conv (stride), BN, ReLU, 3x3 conv, BN.
     *
     * @param inChannels channels entering the unit
     * @param outChannels channels leaving the unit
     * @param stride stride of the first convolution
     * @return the unit
     */
    public static ResidualUnit basic(int inChannels, int outChannels, int stride) {
        SequentialBlock residual = new SequentialBlock()
                .add(Layers.conv(outChannels, 3, stride, 1))
                .add(Layers.batchNorm())
                .add(Activation.reluBlock())
                .add(Layers.conv(outChannels, 3, 1, 1))
                .add(Layers.batchNorm());
        return new ResidualUnit(residual, shortcut(inChannels, outChannels, stride));
    }

    /**
     * A bottleneck unit (torchvision v1.5): 1x1 conv, BN, ReLU, 3x3 conv (stride), BN, ReLU, 1x1 conv to
     * 4 x width, BN.
     *
     * @param inChannels channels entering the unit
     * @param width channels of the inner 3x3 convolution
     * @param stride stride of the 3x3 convolution
     * @return the unit
     */
    public static ResidualUnit bottleneck(int inChannels, int width, int stride) {
        int outChannels = width * BackboneType.BOTTLENECK_EXPANSION;
        SequentialBlock residual = new SequentialBlock()
                .add(Layers.conv(width, 1, 1, 0))
                .add(Layers.batchNorm())
                .add(Activation.reluBlock())
                .add(Layers.conv(width, 3, stride, 1))
                .add(Layers.batchNorm())
                .add(Activation.reluBlock())
                .add(Layers.conv(outChannels, 1, 1, 0))
                .add(Layers.batchNorm());
        return new ResidualUnit(residual, shortcut(inChannels, outChannels, stride));
    }

    private static SequentialBlock shortcut(int inChannels, int outChannels, int stride) {
        if (stride == 1 && inChannels == outChannels) {
            return null;
        }
        return new SequentialBlock().add(Layers.conv(outChannels, 1, stride, 0)).add(Layers.batchNorm());
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray out = Layers.forwardFreeing(residual.getChildren().values(), parameterStore, inputs, training,
                params).singletonOrThrow();
        NDArray identity = shortcut == null
                ? inputs.singletonOrThrow()
                : Layers.forwardFreeing(shortcut.getChildren().values(), parameterStore, inputs, training, params)
                        .singletonOrThrow();
        // Out of place: through DJL an in-place add on the BN output costs libtorch a CopySlices/AsStrided
        // round trip in backward (measured ~10% of a step), more than the extra allocation.
        NDArray sum = out.add(identity);
        out.close();
        if (shortcut != null) {
            identity.close();
        }
        NDArray result = Activation.relu(sum);
        sum.close();
        return new NDList(result);
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return residual.getOutputShapes(inputShapes);
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        residual.initialize(manager, dataType, inputShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }
}
