package io.cc4j.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.cc4j.engine.MemoryFormat;

/**
 * The pair construction backbone f: a ResNet without its classifier, ending in global average pooling, so
 * f(x) is the representation h of shape (batch, {@link BackboneType#representationDim()}).
 *
 * <p>Layer shapes and parameter counts equal torchvision's resnet18/34/50 without {@code fc}
 * (11,176,512 / 21,284,672 / 23,508,032 with the ImageNet stem and 3 input channels).
 */
public final class ResNetBackbone extends AbstractBlock {
    /** torchvision's first-stage width; stages double it: 64, 128, 256, 512. */
    public static final int DEFAULT_WIDTH = 64;

    private final BackboneType type;
    private final Stem stem;
    private final int width;
    private boolean channelsLast;

    /**
     * Builds an uninitialised backbone of torchvision's width.
     *
     * @param type which ResNet
     * @param stem which stem
     */
    public ResNetBackbone(BackboneType type, Stem stem) {
        this(type, stem, DEFAULT_WIDTH);
    }

    /**
     * Builds an uninitialised backbone whose stages have {@code base, 2 base, 4 base, 8 base} channels: a
     * reduced width (e.g. 16) keeps the architecture but cuts the cost about (64 / base)^2 times, which is
     * what makes CPU-sized runs such as the demo possible.
     *
     * @param type which ResNet
     * @param stem which stem
     * @param base channels of the stem and first stage
     */
    public ResNetBackbone(BackboneType type, Stem stem, int base) {
        this.type = type;
        this.stem = stem;
        this.width = base;
        addChildBlock("stem", stemBlock(stem, base));
        int channels = base;
        for (int stage = 0; stage < 4; stage++) {
            int width = base << stage;
            SequentialBlock layer = new SequentialBlock();
            for (int unit = 0; unit < type.units(stage); unit++) {
                int stride = unit == 0 && stage > 0 ? 2 : 1;
                if (type.bottleneck()) {
                    layer.add(ResidualUnit.bottleneck(channels, width, stride));
                    channels = width * BackboneType.BOTTLENECK_EXPANSION;
                } else {
                    layer.add(ResidualUnit.basic(channels, width, stride));
                    channels = width;
                }
            }
            addChildBlock("layer" + (stage + 1), layer);
        }
        addChildBlock("pool", Pool.globalAvgPool2dBlock());
    }

    private static Block stemBlock(Stem stem, int base) {
        SequentialBlock block = new SequentialBlock();
        if (stem == Stem.IMAGENET) {
            block.add(Layers.conv(base, 7, 2, 3)).add(Layers.batchNorm()).add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
        } else {
            block.add(Layers.conv(base, 3, 1, 1)).add(Layers.batchNorm()).add(Activation.reluBlock());
        }
        return block;
    }

    /** @return the ResNet variant */
    public BackboneType type() {
        return type;
    }

    /** @return the stem */
    public Stem stem() {
        return stem;
    }

    /**
     * @param on run the convolutions on channels-last (NHWC) data, which libtorch's CPU kernels may do faster
     */
    void setChannelsLast(boolean on) {
        this.channelsLast = on;
    }

    /** @return true if the convolutions run on channels-last (NHWC) data */
    boolean isChannelsLast() {
        return channelsLast;
    }

    /** @return channels of the first stage (64 = torchvision) */
    public int width() {
        return width;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList in = channelsLast ? new NDList(MemoryFormat.channelsLast(inputs.singletonOrThrow())) : inputs;
        NDList out = Layers.forwardFreeing(children.values(), parameterStore, in, training, params);
        if (in != inputs) {
            in.close();
        }
        return out;
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] current = inputShapes;
        for (Block child : children.values()) {
            current = child.getOutputShapes(current);
        }
        return current;
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] current = inputShapes;
        for (Pair<String, Block> child : children) {
            child.getValue().initialize(manager, dataType, current);
            current = child.getValue().getOutputShapes(current);
        }
    }
}
