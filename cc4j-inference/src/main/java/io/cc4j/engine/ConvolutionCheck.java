package io.cc4j.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Checks libtorch's convolution on this CPU against a plain reference: forward, gradient of the input and
 * gradient of the weights, on small cases chosen where oneDNN has failed (channel counts that are not multiples
 * of its 16-channel blocks, strided and 1x1 convolutions), in both memory layouts the network computes in
 * (channels-first and channels-last, which reach other oneDNN kernels), through the routes the network's
 * convolutions take ({@link Convolutions}). Takes a few milliseconds.
 */
final class ConvolutionCheck {
    /** A convolution problem: batch, input and output channels, square input, kernel, stride and padding. */
    record Case(int n, int in, int out, int size, int kernel, int stride, int pad) {
        int outSize() {
            return (size + 2 * pad - kernel) / stride + 1;
        }

        @Override
        public String toString() {
            return String.format("%dx%dx%dx%d -> %d channels, %dx%d kernel, stride %d", n, in, size, size, out, kernel,
                    kernel, stride);
        }
    }

    static final List<Case> CASES = List.of(
            new Case(4, 8, 8, 8, 3, 1, 1),
            new Case(4, 4, 8, 8, 3, 2, 1),
            new Case(4, 4, 8, 8, 1, 2, 0),
            new Case(2, 3, 12, 9, 3, 1, 1),
            new Case(2, 5, 7, 2, 3, 2, 1), // one output position, from a 2x2 input
            new Case(2, 6, 5, 1, 3, 1, 1)); // one output position, a 3x3 kernel on a 1x1 input

    private static final double TOLERANCE = 1e-4;

    private ConvolutionCheck() {
    }

    /**
     * @param engine the PyTorch engine
     * @return empty when every case agrees with the reference, else what disagreed first
     */
    static Optional<String> run(Engine engine) {
        try (NDManager manager = engine.newBaseManager()) {
            dirtyFreedMemory(manager);
            for (boolean channelsLast : new boolean[] {false, true}) {
                for (Case c : CASES) {
                    Optional<String> problem = check(manager, c, channelsLast);
                    if (problem.isPresent()) {
                        return problem;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Leaves NaN in the memory the allocator hands out next. The faulty kernels read buffer padding they never
     * wrote; in a fresh process that memory is often still zero, which hides the fault, so the check makes sure it
     * is not: every size class the cases' buffers fall in is allocated, filled with NaN and freed.
     */
    private static void dirtyFreedMemory(NDManager manager) {
        try (NDManager scope = manager.newSubManager()) {
            for (int floats = 16; floats <= 1 << 16; floats += floats / 4) {
                for (int copies = 0; copies < 4; copies++) {
                    scope.full(new Shape(floats), Float.NaN);
                }
            }
        }
    }

    /**
     * Runs one case through libtorch and the reference.
     *
     * @param channelsLast whether libtorch gets the input stored channels-last
     * @return empty when they agree, else the first disagreement
     */
    static Optional<String> check(NDManager manager, Case c, boolean channelsLast) {
        SplittableRandom random = new SplittableRandom(c.hashCode());
        int o = c.outSize();
        float[] x = values(random, c.n * c.in * c.size * c.size);
        float[] w = values(random, c.out * c.in * c.kernel * c.kernel);
        float[] g = values(random, c.n * c.out * o * o);
        float[] y;
        float[] dx;
        float[] dw;
        try (NDManager scope = manager.newSubManager()) {
            NDArray created = scope.create(x, new Shape(c.n, c.in, c.size, c.size));
            NDArray input = channelsLast ? MemoryFormat.channelsLast(created) : created;
            NDArray weight = scope.create(w, new Shape(c.out, c.in, c.kernel, c.kernel));
            NDArray upstream = scope.create(g, new Shape(c.n, c.out, o, o));
            input.setRequiresGradient(true);
            weight.setRequiresGradient(true);
            // Autograd on this thread only: DJL's GradientCollector is one per process and may be in use.
            boolean gradMode = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
            try {
                NDArray out = Convolutions.conv2d(input, weight, c.stride, c.pad);
                y = out.toFloatArray();
                NDArray loss = out.mul(upstream).sum();
                JniUtils.backward((PtNDArray) loss, (PtNDArray) scope.ones(loss.getShape()), false, false);
            } finally {
                JniUtils.setGradMode(gradMode);
            }
            dx = input.getGradient().toFloatArray();
            dw = weight.getGradient().toFloatArray();
        }
        Reference ref = new Reference(c, x, w, g);
        String layout = channelsLast ? "channels-last" : "channels-first";
        return compare(c, layout, "forward", y, ref.y)
                .or(() -> compare(c, layout, "input gradient", dx, ref.dx))
                .or(() -> compare(c, layout, "weight gradient", dw, ref.dw));
    }

    private static Optional<String> compare(Case c, String layout, String what, float[] actual, double[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= TOLERANCE * (1 + Math.abs(expected[i])))) {
                return Optional.of(String.format("convolution %s, %s: %s element %d is %s, expected %.6f", c, layout,
                        what, i, actual[i], expected[i]));
            }
        }
        return Optional.empty();
    }

    private static float[] values(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-1, 1);
        }
        return v;
    }

    /** The direct definition of the convolution and its two gradients, in double precision. */
    private static final class Reference {
        final double[] y;
        final double[] dx;
        final double[] dw;

        Reference(Case c, float[] x, float[] w, float[] g) {
            int o = c.outSize();
            int k = c.kernel;
            y = new double[c.n * c.out * o * o];
            dx = new double[x.length];
            dw = new double[w.length];
            for (int n = 0; n < c.n; n++) {
                for (int f = 0; f < c.out; f++) {
                    for (int i = 0; i < o; i++) {
                        for (int j = 0; j < o; j++) {
                            int yi = ((n * c.out + f) * o + i) * o + j;
                            for (int ch = 0; ch < c.in; ch++) {
                                for (int a = 0; a < k; a++) {
                                    int row = i * c.stride - c.pad + a;
                                    for (int b = 0; b < k && row >= 0 && row < c.size; b++) {
                                        int col = j * c.stride - c.pad + b;
                                        if (col < 0 || col >= c.size) {
                                            continue;
                                        }
                                        int xi = ((n * c.in + ch) * c.size + row) * c.size + col;
                                        int wi = ((f * c.in + ch) * k + a) * k + b;
                                        y[yi] += (double) x[xi] * w[wi];
                                        dx[xi] += (double) g[yi] * w[wi];
                                        dw[wi] += (double) g[yi] * x[xi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
