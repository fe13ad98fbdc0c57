package io.cc4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cc4j.InvalidInputException;
import io.cc4j.bench.PeakBenchmark;
import io.cc4j.bench.StepBenchmark;
import io.cc4j.bench.StepBenchmarkResult;
import io.cc4j.cli.common.ChannelsLastOption;
import io.cc4j.cli.common.JsonOption;
import io.cc4j.cli.common.SeedOption;
import io.cc4j.cli.common.SizeOption;
import io.cc4j.cli.common.ThreadsOption;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cc4j bench step}: times a full training step (both views, both losses, backward, Adam). */
@Command(
        name = "step",
        mixinStandardHelpOptions = true,
        description = {"Times one training step on random input.",
            "Forward of both views, instance + cluster loss, backward, Adam; prints views/s (median after warm-up),"
                    + " threads and peak RSS.",
            "--freeze-backbone times the heads-only step of a frozen backbone, --backbone-lr-scale fine-tuning at a"
                    + " smaller backbone rate; --compare times full training, the frozen backbone and the lr scale"
                    + " side by side (their steps in turn) and prints the ratio."},
        footer = {"", "Examples:",
            "  cc4j bench step --backbone resnet18 --stem imagenet --size 224 --batch 32",
            "  cc4j bench step --backbone resnet18 --stem imagenet --size 224 --batch 32 --compare --backbone-lr-scale 0.1"})
public final class BenchStepCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    NetworkOptions network;

    @Mixin
    SizeOption size;

    @Option(names = {"-b", "--batch-size", "--batch"}, paramLabel = "N", defaultValue = "128", description = "images per step (default: ${DEFAULT-VALUE})")
    private int batch;

    @Option(names = "--clusters", defaultValue = "10", description = "clusters K (default: ${DEFAULT-VALUE})")
    private int clusters;

    @picocli.CommandLine.Mixin
    ThreadsOption engineThreads = new ThreadsOption();

    @Option(names = "--repeats", defaultValue = "5", description = "timed steps (default: ${DEFAULT-VALUE})")
    private int repeats;

    @Option(names = "--warmup", defaultValue = "2", description = "untimed steps first (default: ${DEFAULT-VALUE})")
    private int warmup;

    @Option(names = "--separate-views", description = "run the two views as two batches, as the official code does")
    private boolean separateViews;

    @Mixin
    ChannelsLastOption layout;

    @Option(names = "--freeze-backbone", description = "keep the backbone frozen (eval mode, no gradients): only"
            + " the heads train")
    private boolean freezeBackbone;

    @Option(names = "--backbone-lr-scale", paramLabel = "F", defaultValue = "1", description = "the backbone's"
            + " learning rate as a fraction of the heads' (default: ${DEFAULT-VALUE}; with --compare 0.1 when 1)")
    private double backboneLrScale;

    @Option(names = "--compare", description = "time full training, the frozen backbone and the backbone lr scale"
            + " side by side and print the ratios")
    private boolean compare;

    @Mixin
    SeedOption seed;

    @Mixin
    JsonOption json;


    @Override
    public Integer call() throws Exception {
        if (compare && freezeBackbone) {
            throw new InvalidInputException("--compare measures the frozen backbone itself; leave out --freeze-backbone");
        }
        StepBenchmark bench = StepBenchmark.builder()
                .optBackbone(network.backbone()).optStem(network.stem(size.or(SizeOption.DEFAULT)))
                .optWidth(network.width()).optSize(size.or(SizeOption.DEFAULT)).optBatch(batch).optClusters(clusters).optThreads(engineThreads.threads())
                .optRepeats(repeats).optWarmup(warmup).optSeparateViews(separateViews).optChannelsLast(layout.orNull()).optSeed(seed.seed())
                .optFreezeBackbone(freezeBackbone).optBackboneLrScale(backboneLrScale)
                .build();
        PrintWriter out = spec.commandLine().getOut();
        if (compare) {
            double scale = backboneLrScale == 1.0 ? 0.1 : backboneLrScale;
            List<StepBenchmarkResult> all = bench.run(List.of(StepBenchmark.BackboneTraining.FULL,
                    StepBenchmark.BackboneTraining.FROZEN, new StepBenchmark.BackboneTraining(false, scale)));
            if (json.json()) {
                out.println(new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(all));
            } else {
                printComparison(out, all, convolutionPeak());
            }
            out.flush();
            return 0;
        }
        StepBenchmarkResult r = bench.run();
        if (json.json()) {
            out.println(new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(r));
        } else {
            out.printf(Locale.ROOT, "step %s %s stem, width %d, %dx%d, batch %d (%d views), K %d, %s forward%n",
                    r.backbone().id(), r.stem().id(), r.width(),
                    r.size(), r.size(), r.batch(), 2 * r.batch(), r.clusters(),
                    r.separateViews() ? "separate" : "joint");
            out.printf(Locale.ROOT, "backbone     %s%n", describe(r));
            out.printf(Locale.ROOT, "layout       %s%n", r.channelsLast() ? "channels-last (NHWC)" : "channels-first (NCHW)");
            out.printf(Locale.ROOT, "views/s      %.1f (median step %.3f s over %d repeats after %d warm-up)%n",
                    r.viewsPerSecond(), r.medianStepSeconds(), r.stepSeconds().size(), r.warmup());
            out.printf(Locale.ROOT, "best views/s %.1f (fastest step)%n", r.bestViewsPerSecond());
            out.printf(Locale.ROOT, "threads      %d (median CPU time per step %.3f s)%n", r.threads(),
                    r.medianCpuSeconds());
            double peak = convolutionPeak();
            out.printf(Locale.ROOT, "work         %.2f GFLOP per view (conv + linear, forward and backward), %.1f GFLOP/s,"
                    + " %.0f%% of the convolution peak%n", r.flopsPerView() / 1e9, r.gflops(), 100 * r.gflops() / peak);
            out.printf(Locale.ROOT, "peak         %.1f GFLOP/s (bench peak's 3x3 convolution, measured after the steps)%n",
                    peak);
            out.printf(Locale.ROOT, "peak RSS     %.2f GB%n", r.peakRssBytes() / 1e9);
            out.printf(Locale.ROOT, "cpu          %s%n", io.cc4j.engine.CpuInfo.current());
            out.printf(Locale.ROOT, "last loss    %.4f%n", r.lastLoss());
        }
        out.flush();
        return 0;
    }

    private static String describe(StepBenchmarkResult r) {
        return r.frozenBackbone() ? "frozen (eval mode, no gradients; the heads train)"
                : r.backboneLrScale() == 1.0 ? "trained (full training)"
                : "trained at " + io.cc4j.option.Setting.format(r.backboneLrScale()) + " x the learning rate";
    }

    /** The limit the step's GFLOP/s are a share of, measured here so that no second command is needed. */
    private double convolutionPeak() {
        return PeakBenchmark.convolutionPeak(engineThreads.threads(), 5);
    }

    private static void printComparison(PrintWriter out, List<StepBenchmarkResult> all, double peak) {
        StepBenchmarkResult full = all.get(0);
        out.printf(Locale.ROOT, "step %s %s stem, width %d, %dx%d, batch %d (%d views), K %d, %s forward, %d threads%n",
                full.backbone().id(), full.stem().id(), full.width(), full.size(), full.size(), full.batch(),
                2 * full.batch(), full.clusters(), full.separateViews() ? "separate" : "joint", full.threads());
        out.printf(Locale.ROOT, "%-10s %10s %12s %10s %14s %8s %9s %7s%n", "backbone", "views/s", "best views/s",
                "median s", "cpu s/step", "x full", "GFLOP/s", "of peak");
        for (StepBenchmarkResult r : all) {
            out.printf(Locale.ROOT, "%-10s %10.1f %12.1f %10.3f %14.3f %8.2f %9.1f %6.0f%%%n", r.backboneTraining(),
                    r.viewsPerSecond(), r.bestViewsPerSecond(), r.medianStepSeconds(), r.medianCpuSeconds(),
                    r.viewsPerSecond() / full.viewsPerSecond(), r.gflops(), 100 * r.gflops() / peak);
        }
        out.printf(Locale.ROOT, "peak         %.1f GFLOP/s (bench peak's 3x3 convolution, measured after the steps)%n",
                peak);
        out.printf(Locale.ROOT, "timed steps taken in turn (%d each after %d warm-up); peak RSS %.2f GB%n",
                full.stepSeconds().size(), full.warmup(), all.get(all.size() - 1).peakRssBytes() / 1e9);
        out.printf(Locale.ROOT, "cpu          %s%n", io.cc4j.engine.CpuInfo.current());
    }
}
