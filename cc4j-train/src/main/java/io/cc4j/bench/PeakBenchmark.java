package io.cc4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import io.cc4j.InvalidInputException;
import io.cc4j.engine.EngineSupport;
import io.cc4j.engine.NoGrad;
import java.util.ArrayList;
import java.util.List;

/**
 * The measurable limit of this CPU for the network's work, as GFLOP/s (median of the timed repeats): one large
 * square matrix product in libtorch ({@code 2 n^3} per product; libtorch hands it to its BLAS) and one large 3x3
 * convolution (oneDNN, the library that runs the network's convolutions). Training figures are a share of the
 * higher of the two.
 */
public final class PeakBenchmark {
    private PeakBenchmark() {
    }

    /**
     * @param dataType FLOAT32 or BFLOAT16
     * @param n matrix side
     * @param threads libtorch threads (0: all cores)
     * @param repeats timed products after one warm-up
     * @return GFLOP/s
     */
    public static double gflops(DataType dataType, int n, int threads, int repeats) {
        if (n < 64 || repeats < 1) {
            throw new InvalidInputException("matrix side must be at least 64 and repeats at least 1");
        }
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT16) {
            // DJL 0.36's native layer maps no bfloat16 type: creating or casting to one aborts the JVM.
            throw new InvalidInputException(dataType + " is not available through DJL 0.36's PyTorch engine");
        }
        Engine engine = EngineSupport.configure(EngineSupport.orAllCores(threads));
        try (NDManager m = engine.newBaseManager(); NoGrad noGrad = NoGrad.enter()) {
            engine.setRandomSeed(7);
            NDArray a = m.randomUniform(-1f, 1f, new Shape(n, n)).toType(dataType, false);
            NDArray b = m.randomUniform(-1f, 1f, new Shape(n, n)).toType(dataType, false);
            double seconds = medianSeconds(repeats, () -> {
                try (NDArray c = a.matMul(b)) {
                    c.getShape(); // the product runs eagerly; nothing else to wait for on a CPU
                }
            });
            return 2.0 * n * n * (double) n / seconds / 1e9;
        }
    }

    /**
     * The convolution peak that training figures are a share of: {@link #convGflops} on 256 channels of 28x28 maps,
     * the shape {@code cc4j bench peak} prints.
     *
     * @param threads libtorch threads (0: all cores)
     * @param repeats timed convolutions after one warm-up
     * @return GFLOP/s
     */
    public static double convolutionPeak(int threads, int repeats) {
        return convGflops(256, 28, threads, repeats);
    }

    /**
     * A 3x3 convolution, stride 1, padding 1, of {@code channels} to {@code channels} on a batch of 32 maps of
     * {@code side x side}: {@code 2 x 32 x side^2 x channels^2 x 9} FLOP per call, the shape of a ResNet stage.
     *
     * @param channels input and output channels
     * @param side map edge
     * @param threads libtorch threads (0: all cores)
     * @param repeats timed convolutions after one warm-up
     * @return GFLOP/s
     */
    public static double convGflops(int channels, int side, int threads, int repeats) {
        if (channels < 1 || side < 1 || repeats < 1) {
            throw new InvalidInputException("channels, side and repeats must be at least 1");
        }
        int batch = 32;
        Engine engine = EngineSupport.configure(EngineSupport.orAllCores(threads));
        try (NDManager m = engine.newBaseManager(); NoGrad noGrad = NoGrad.enter()) {
            engine.setRandomSeed(7);
            NDArray x = m.randomUniform(-1f, 1f, new Shape(batch, channels, side, side));
            NDArray w = m.randomUniform(-0.1f, 0.1f, new Shape(channels, channels, 3, 3));
            NDArray bias = m.zeros(new Shape(channels));
            double seconds = medianSeconds(repeats, () -> ai.djl.nn.convolutional.Conv2d.conv2d(x, w, bias,
                    new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).close());
            double flop = 2.0 * batch * side * side * (double) channels * channels * 9;
            return flop / seconds / 1e9;
        }
    }

    /** Runs {@code work} once untimed, then {@code repeats} times timed; the median in seconds. */
    private static double medianSeconds(int repeats, Runnable work) {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i <= repeats; i++) {
            long t0 = System.nanoTime();
            work.run();
            if (i > 0) {
                seconds.add((System.nanoTime() - t0) / 1e9);
            }
        }
        return StepBenchmark.median(seconds);
    }

    /** @return libtorch's intra-op threads now */
    public static int threads() {
        return JniUtils.getNumThreads();
    }
}
