package io.cc4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.bench.AssignBenchmark;
import io.cc4j.cli.common.ChannelsLastOption;
import io.cc4j.cli.common.JsonOption;
import io.cc4j.cli.common.SizeOption;
import io.cc4j.cli.common.ThreadsOption;
import io.cc4j.engine.CpuInfo;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cc4j bench assign}: images per second of online assignment through the predictor. */
@Command(
        name = "assign",
        mixinStandardHelpOptions = true,
        description = {
            "Times online assignment through ClusterPredictor.",
            "End to end, from decoded images to cluster probabilities, through the library's "
                    + "ClusterPredictor (test transform on its worker pool, next batch prepared while the network runs, "
                    + "eval-mode forward), on random images and a model of random weights of the chosen shape. Prints "
                    + "images/s (median of the timed passes after one warm-up pass) and the peak resident memory.",
        },
        exitCodeList = {"0:measured"})
public final class BenchAssignCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    NetworkOptions network;

    @Mixin
    SizeOption size;

    @Option(names = "--source-size", defaultValue = "0",
            description = "edge of the decoded images before resizing (default: the input size)")
    private int sourceSize;

    @Option(names = "--channels", defaultValue = "3", description = "1 (grey) or 3 (default: ${DEFAULT-VALUE})")
    private int channels;

    @Option(names = {"-b", "--batch", "--batch-size"}, defaultValue = "256",
            description = "images per forward pass (default: ${DEFAULT-VALUE})")
    private int batch;

    @picocli.CommandLine.Mixin
    ThreadsOption engineThreads = new ThreadsOption();

    @Option(names = "--workers", defaultValue = "0", description = "threads preparing images (default: all cores)")
    private int workers;

    @Option(names = {"-n", "--count"}, defaultValue = "4096", description = "images per pass (default: ${DEFAULT-VALUE})")
    private int count;

    @Option(names = "--repeats", defaultValue = "3", description = "timed passes (default: ${DEFAULT-VALUE})")
    private int repeats;

    @Mixin
    ChannelsLastOption layout;

    @Mixin
    JsonOption json;


    @Override
    public Integer call() throws Exception {
        AssignBenchmark.Builder b = AssignBenchmark.builder().optBackbone(network.backbone()).optStem(network.stemOrNull())
                .optWidth(network.width())
                .optSize(size.or(SizeOption.DEFAULT)).optChannels(channels).optBatch(batch).optThreads(engineThreads.threads()).optWorkers(workers)
                .optCount(count).optRepeats(repeats).optChannelsLast(layout.orNull());
        if (sourceSize > 0) {
            b.optSourceSize(sourceSize);
        }
        AssignBenchmark.Result r = b.build().run();
        PrintWriter out = spec.commandLine().getOut();
        if (json.json()) {
            out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            out.printf(Locale.ROOT, "assign %s %s stem, width %d, %dx%d input from %dx%dx%d images, batch %d, %s%n",
                    r.backbone().id(), r.stem().id(), r.width(), r.size(), r.size(), r.channels(), r.sourceSize(),
                    r.sourceSize(), r.batch(), r.channelsLast() ? "channels-last" : "channels-first");
            out.printf(Locale.ROOT, "images/s  %.0f (median of %d passes of %d images)%n", r.imagesPerSecond(),
                    r.seconds().size(), r.images());
            out.printf(Locale.ROOT, "threads   %d engine, %d preparing%n", r.threads(), r.workers());
            out.printf(Locale.ROOT, "peak RSS  %.2f GB%n", r.peakRssBytes() / 1e9);
            out.printf(Locale.ROOT, "cpu       %s%n", CpuInfo.current());
        }
        out.flush();
        return 0;
    }
}
