package io.cc4j.cli;

import ai.djl.ndarray.types.DataType;
import io.cc4j.bench.PeakBenchmark;
import io.cc4j.cli.common.ThreadsOption;
import io.cc4j.engine.CpuInfo;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code cc4j bench peak}: the measurable limit of this CPU, one large libtorch matrix product. */
@Command(
        name = "peak",
        mixinStandardHelpOptions = true,
        description = {
            "Times a large matrix product and a large convolution.",
            "One large square matrix product in libtorch (float32; libtorch's BLAS) and one large 3x3 "
                    + "convolution (oneDNN, which runs the network) and prints GFLOP/s (median of the timed repeats): "
                    + "the measurable limit that training figures are a share of.",
        },
        exitCodeList = {"0:measured"})
public final class BenchPeakCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", defaultValue = "2048", description = "matrix side (default: ${DEFAULT-VALUE})")
    private int size;

    @picocli.CommandLine.Mixin
    ThreadsOption engineThreads = new ThreadsOption();

    @Option(names = "--repeats", defaultValue = "5", description = "timed products (default: ${DEFAULT-VALUE})")
    private int repeats;

    @Override
    public Integer call() {
        double fp32 = PeakBenchmark.gflops(DataType.FLOAT32, size, engineThreads.threads(), repeats);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "float32  %.1f GFLOP/s (%dx%d matmul, %d threads)%n", fp32, size, size,
                PeakBenchmark.threads());
        double conv = PeakBenchmark.convolutionPeak(engineThreads.threads(), repeats);
        out.printf(Locale.ROOT, "float32  %.1f GFLOP/s (3x3 convolution, 32x256x28x28; oneDNN unless the native check moved convolutions to ATen)%n", conv);
        out.println("bfloat16 not measurable: DJL 0.36's PyTorch engine has no bfloat16 type (it aborts the JVM)");
        out.printf(Locale.ROOT, "cpu      %s%n", CpuInfo.current());
        return 0;
    }
}
