package io.cc4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.UniformInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import io.cc4j.engine.Convolutions;

/** Factories for the primitive layers of the network, initialised as torchvision and PyTorch do. */
final class Layers {
    /**
     * Kaiming-normal, mode fan_out, ReLU gain: N(0, sqrt(2 / (out_channels * kh * kw))). DJL's Xavier
     * initializer with a Gaussian, the OUT factor and magnitude 2 computes exactly that standard deviation.
     */
    static final Initializer KAIMING_NORMAL_FAN_OUT =
            new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2f);

    /** PyTorch's BatchNorm2d defaults: eps 1e-5, momentum 0.1 (DJL counts momentum the other way: 0.9). */
    static final float BN_EPSILON = 1e-5f;

    static final float BN_MOMENTUM_DJL = 0.9f;

    private Layers() {
    }

    /** A bias-free 2-D convolution with Kaiming-normal (fan_out) weights. */
    static Block conv(int filters, int kernel, int stride, int padding) {
        Block conv = Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(false)
                .build();
        conv.setInitializer(KAIMING_NORMAL_FAN_OUT, Parameter.Type.WEIGHT);
        return conv;
    }

    /** Batch normalisation over the channel axis with weight 1 and bias 0 (DJL's defaults for gamma/beta). */
    static Block batchNorm() {
        return BatchNorm.builder().optEpsilon(BN_EPSILON).optMomentum(BN_MOMENTUM_DJL).build();
    }

    /**
     * A fully connected layer initialised like PyTorch's {@code nn.Linear} default: kaiming_uniform with
     * a = sqrt(5) for the weight, which is U(-1/sqrt(fan_in), 1/sqrt(fan_in)), and the same bound for the bias.
     */
    static Block linear(long fanIn, long units) {
        Block linear = Linear.builder().setUnits(units).build();
        linear.setInitializer(new UniformInitializer((float) (1.0 / Math.sqrt(fanIn))), p -> true);
        return linear;
    }

    /**
     * A convolution block's forward pass through {@link Convolutions}, which routes some shapes around oneDNN paths
     * that are slow or wrong; the block's own parameters, so checkpoints and gradients are as with its forward.
     */
    static NDArray convolve(Conv2d conv, ParameterStore store, NDArray x, boolean training) {
        if (conv.isIncludeBias() || conv.getGroups() != 1 || conv.getDilation().get(0) != 1
                || conv.getDilation().get(1) != 1
                || conv.getStride().get(0) != conv.getStride().get(1)
                || conv.getPadding().get(0) != conv.getPadding().get(1)) {
            throw new IllegalStateException("the network's convolutions have no bias, groups or dilation and square"
                    + " strides and padding");
        }
        NDArray weight = store.getValue(conv.getParameters().get("weight"), x.getDevice(), training);
        NDArray out = Convolutions.conv2d(x, weight, (int) conv.getStride().get(0), (int) conv.getPadding().get(0));
        out.attach(x.getManager());
        return out;
    }

    /**
     * Runs blocks in sequence and frees each intermediate result as soon as the next block has consumed it,
     * as Python's reference counting does for PyTorch. Closing a DJL handle only drops that handle's reference:
     * tensors autograd saved for backward stay alive through the graph. Without this, every intermediate of
     * the step (e.g. each BatchNorm output feeding a ReLU) stays allocated until the step's scope closes, which
     * raised peak memory by about half. The caller's {@code inputs} are never closed.
     */
    static NDList forwardFreeing(Iterable<Block> blocks, ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        NDList current = inputs;
        for (Block block : blocks) {
            NDList next;
            if (block instanceof SequentialBlock seq) {
                next = forwardFreeing(seq.getChildren().values(), parameterStore, current, training, params);
            } else if (block instanceof Conv2d conv) {
                next = new NDList(convolve(conv, parameterStore, current.head(), training));
            } else {
                next = block.forward(parameterStore, current, training, params);
            }
            if (current != inputs) {
                current.close();
            }
            current = next;
        }
        return current;
    }
}
