package io.cc4j.model;

/**
 * Floating-point operations of the network, counted from its layer shapes: every convolution and every fully
 * connected layer costs {@code 2 x multiply-adds}; batch normalisation, activations, pooling and additions (a few
 * percent of the total) are left out, as fvcore and most papers do. A training step costs about three forward
 * passes per view: the forward, and a backward computing the gradients of the inputs and of the weights.
 */
public final class FlopCount {
    private long multiplyAdds;

    private FlopCount() {
    }

    /**
     * @param spec the network and its input size
     * @return multiply-adds of one forward pass of one image, backbone and both heads
     */
    public static long forwardMultiplyAdds(ModelSpec spec) {
        FlopCount c = new FlopCount();
        int size = spec.imageSize();
        int w = spec.width();
        if (spec.stem() == Stem.IMAGENET) {
            size = c.conv(ModelSpec.INPUT_CHANNELS, w, 7, 2, 3, size);
            size = (size + 2 - 3) / 2 + 1; // 3x3 max-pool, stride 2, padding 1
        } else {
            size = c.conv(ModelSpec.INPUT_CHANNELS, w, 3, 1, 1, size);
        }
        BackboneType b = spec.backbone();
        int channels = w;
        for (int stage = 0; stage < 4; stage++) {
            int width = w << stage;
            for (int unit = 0; unit < b.units(stage); unit++) {
                int stride = unit == 0 && stage > 0 ? 2 : 1;
                int out = b.bottleneck() ? width * BackboneType.BOTTLENECK_EXPANSION : width;
                int next;
                if (b.bottleneck()) {
                    c.conv(channels, width, 1, 1, 0, size);
                    next = c.conv(width, width, 3, stride, 1, size);
                    c.conv(width, out, 1, 1, 0, next);
                } else {
                    next = c.conv(channels, width, 3, stride, 1, size);
                    c.conv(width, width, 3, 1, 1, next);
                }
                if (stride != 1 || channels != out) {
                    c.conv(channels, out, 1, stride, 0, size);
                }
                channels = out;
                size = next;
            }
        }
        c.multiplyAdds += headMultiplyAdds(spec);
        return c.multiplyAdds;
    }

    /** Multiply-adds of the two heads for one image. */
    private static long headMultiplyAdds(ModelSpec spec) {
        long rep = spec.representationDim();
        return rep * rep + rep * spec.featureDim() + rep * rep + rep * spec.clusters();
    }

    /**
     * @param spec the network and its input size
     * @return FLOPs of one training step per view with the backbone frozen: one forward pass of the backbone, three
     *     forward passes' worth of the heads
     */
    public static long frozenBackboneFlopsPerView(ModelSpec spec) {
        long heads = headMultiplyAdds(spec);
        return 2 * (forwardMultiplyAdds(spec) - heads) + 3 * 2 * heads;
    }

    /**
     * @param spec the network and its input size
     * @return FLOPs of one training step per view: three forward passes' worth
     */
    public static long trainingFlopsPerView(ModelSpec spec) {
        return 3 * 2 * forwardMultiplyAdds(spec);
    }

    /** Adds a convolution and returns its output size. */
    private int conv(int in, int out, int kernel, int stride, int padding, int size) {
        int o = (size + 2 * padding - kernel) / stride + 1;
        multiplyAdds += (long) in * out * kernel * kernel * o * o;
        return o;
    }
}
