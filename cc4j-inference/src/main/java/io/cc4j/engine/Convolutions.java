package io.cc4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The network's 2-D convolutions (no bias, no groups, no dilation), routed around two of libtorch's oneDNN paths
 * that the benchmarks and the native self-check found wanting on the CPUs tested; each route computes the same
 * function with the same parameters and gradients, to rounding:
 * <ul>
 *   <li>a 1x1 convolution with a stride (ResNet's downsampling shortcut) is the stride-1 convolution of the
 *       subsampled input: oneDNN's strided 1x1 kernels copy the input to a scratch buffer first, and on
 *       channels-last data with fewer input channels than a vector holds their weight gradient came out wrong
 *       (see docs/cpu.md);</li>
 *   <li>a convolution whose output has a single position (ResNet's last stage at 28 or 32 pixels with the
 *       ImageNet stem) is a 1x1 convolution of the input window that position sees with the kernel taps over it
 *       (the other taps only ever meet the zero padding): oneDNN ran those shapes with a slow generic kernel.</li>
 * </ul>
 * Everything else is libtorch's convolution as is.
 */
public final class Convolutions {
    private Convolutions() {
    }

    /**
     * @param x input (N, C, H, W), either memory layout
     * @param weight kernel (O, C, KH, KW)
     * @param stride stride along both axes
     * @param padding zero padding along both axes
     * @return the convolution (N, O, OH, OW)
     */
    public static NDArray conv2d(NDArray x, NDArray weight, int stride, int padding) {
        Shape s = x.getShape();
        Shape k = weight.getShape();
        long kh = k.get(2);
        long kw = k.get(3);
        if (kh == 1 && kw == 1 && stride > 1 && padding == 0) {
            try (NDArray sampled = x.get(new NDIndex(":, :, ::{}, ::{}", stride, stride))) {
                return Conv2d.conv2d(sampled, weight).singletonOrThrow();
            }
        }
        // padding < kernel: the position sees some input, not padding only
        if (outputs(s.get(2), kh, stride, padding) == 1 && outputs(s.get(3), kw, stride, padding) == 1
                && padding < kh && padding < kw && s.get(0) > 0) {
            return singlePosition(x, weight, padding);
        }
        return Conv2d.conv2d(x, weight, null, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1), 1).singletonOrThrow();
    }

    private static long outputs(long size, long kernel, int stride, int padding) {
        return (size + 2L * padding - kernel) / stride + 1;
    }

    /** The convolution as a 1x1 convolution of the flattened window the one output position sees. */
    private static NDArray singlePosition(NDArray x, NDArray weight, int padding) {
        Shape s = x.getShape();
        long n = s.get(0);
        long filters = weight.getShape().get(0);
        long[] rows = taps(s.get(2), weight.getShape().get(2), padding);
        long[] cols = taps(s.get(3), weight.getShape().get(3), padding);
        // kernel tap t meets input pixel t - padding
        try (NDArray window = x.get(new NDIndex(":, :, {}:{}, {}:{}", rows[0] - padding, rows[1] - padding,
                        cols[0] - padding, cols[1] - padding));
                NDArray flatWindow = window.reshape(n, -1, 1, 1);
                NDArray used = weight.get(new NDIndex(":, :, {}:{}, {}:{}", rows[0], rows[1], cols[0], cols[1]));
                NDArray flatTaps = used.reshape(filters, -1, 1, 1)) {
            return Conv2d.conv2d(flatWindow, flatTaps).singletonOrThrow();
        }
    }

    /** The kernel taps [first, end) along an axis that meet an input of this size at the one output position. */
    private static long[] taps(long size, long kernel, int padding) {
        return new long[] {Math.max(0, padding), Math.min(kernel, size + padding)};
    }
}
