package io.cc4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cc4j.bench.StepBenchmark;
import io.cc4j.bench.StepBenchmarkResult;
import io.cc4j.cli.common.JsonOption;
import io.cc4j.cli.common.SeedOption;
import io.cc4j.cli.common.SizeOption;
import io.cc4j.cli.common.ThreadsOption;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code cc4j bench step}: times a full training step (both views, both losses, backward, Adam). */
@Command(
        name = "step",
        mixinStandardHelpOptions = true,
        description = {"Times one training step on random input.",
            "Forward of both views, instance + cluster loss, backward, Adam; prints views/s (median after warm-up),"
                    + " threads and peak RSS."})
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

    @Option(names = "--channels-last", description = "run the backbone on channels-last (NHWC) data")
    private boolean channelsLast;

    @Mixin
    SeedOption seed;

    @Mixin
    JsonOption json;


    @Override
    public Integer call() throws Exception {
        StepBenchmarkResult r = StepBenchmark.builder()
                .optBackbone(network.backbone()).optStem(network.stem(size.or(SizeOption.DEFAULT)))
                .optWidth(network.width()).optSize(size.or(SizeOption.DEFAULT)).optBatch(batch).optClusters(clusters).optThreads(engineThreads.threads())
                .optRepeats(repeats).optWarmup(warmup).optSeparateViews(separateViews).optChannelsLast(channelsLast).optSeed(seed.seed())
                .build().run();
        PrintWriter out = spec.commandLine().getOut();
        if (json.json()) {
            out.println(new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).writeValueAsString(r));
        } else {
            out.printf(Locale.ROOT, "step %s %s stem, width %d, %dx%d, batch %d (%d views), K %d, %s forward%n",
                    r.backbone().id(), r.stem().id(), r.width(),
                    r.size(), r.size(), r.batch(), 2 * r.batch(), r.clusters(),
                    r.separateViews() ? "separate" : "joint");
            out.printf(Locale.ROOT, "views/s      %.1f (median step %.3f s over %d repeats after %d warm-up)%n",
                    r.viewsPerSecond(), r.medianStepSeconds(), r.stepSeconds().size(), r.warmup());
            out.printf(Locale.ROOT, "best views/s %.1f (fastest step)%n", r.bestViewsPerSecond());
            out.printf(Locale.ROOT, "threads      %d (median CPU time per step %.3f s)%n", r.threads(),
                    r.medianCpuSeconds());
            out.printf(Locale.ROOT, "work         %.2f GFLOP per view (conv + linear, forward and backward), %.1f GFLOP/s%s%n",
                    r.flopsPerView() / 1e9, r.gflops(), r.channelsLast() ? ", channels-last" : "");
            out.printf(Locale.ROOT, "peak RSS     %.2f GB%n", r.peakRssBytes() / 1e9);
            out.printf(Locale.ROOT, "cpu          %s%n", io.cc4j.engine.CpuInfo.current());
            out.printf(Locale.ROOT, "last loss    %.4f%n", r.lastLoss());
        }
        out.flush();
        return 0;
    }
}
