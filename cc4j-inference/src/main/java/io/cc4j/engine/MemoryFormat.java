package io.cc4j.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * PyTorch's channels-last memory format (NHWC in memory, NCHW in shape) reached through DJL, which has no call
 * for it: a permuted copy, viewed back. libtorch's convolutions then pick their NHWC kernels, and every layer
 * after keeps the format.
 */
public final class MemoryFormat {
    private MemoryFormat() {
    }

    /**
     * @param x images (N, C, H, W), contiguous
     * @return the same values, shape (N, C, H, W), stored channels-last; owned by x's manager
     */
    public static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        // A permuted view cannot be flattened without a copy, so reshape makes the NHWC data contiguous.
        try (NDArray nhwc = x.transpose(0, 2, 3, 1); NDArray flat = nhwc.reshape(n, h * w * c);
                NDArray dense = flat.reshape(n, h, w, c)) {
            NDArray viewed = dense.transpose(0, 3, 1, 2);
            viewed.attach(x.getManager());
            return viewed;
        }
    }
}
