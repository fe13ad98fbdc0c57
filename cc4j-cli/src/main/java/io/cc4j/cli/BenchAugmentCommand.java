package io.cc4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.augment.Augmentation;
import io.cc4j.bench.AugmentBenchmark;
import io.cc4j.cli.common.DataOption;
import io.cc4j.cli.common.JsonOption;
import io.cc4j.cli.common.SizeOption;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code cc4j bench augment}: views per second of pair construction. */
@Command(
        name = "augment",
        mixinStandardHelpOptions = true,
        description = {
            "Measures pair-construction throughput in views per second.",
            "Runs pair construction (two augmented views per image) on synthetic random RGB images held in "
                    + "memory, or on --data SPEC: views/s as the median of timed repeats after a warm-up, also "
                    + "per CPU-second (meaningful on a shared machine), worker threads and peak RSS.",
        },
        exitCodeList = {"0:figures printed"})
public final class BenchAugmentCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    SizeOption size;

    @Option(names = {"-b", "--batch-size", "--batch"}, paramLabel = "N", defaultValue = "256", description = "Images per batch, default ${DEFAULT-VALUE}.")
    private int batch;

    @Option(names = "--workers", description = "Worker threads (default: available processors).")
    private Integer workers;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed repeats, default ${DEFAULT-VALUE}.")
    private int repeats;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed warm-up batches (at least 1 s), default ${DEFAULT-VALUE}.")
    private int warmup;

    @Option(names = "--preset", defaultValue = "cifar10",
            description = "Augmentation preset, default ${DEFAULT-VALUE} (s 0.5, no blur); imagenet10 has blur.")
    private String preset;

    @Option(names = "--blur", negatable = true, description = "Override the preset's Gaussian blur.")
    private Boolean blur;

    @Mixin
    DataOption data;

    @Option(names = "--source-size", paramLabel = "PX",
            description = "Edge of the synthetic source images (default: --size).")
    private Integer sourceSize;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws JsonProcessingException {
        int px = size.or(SizeOption.DEFAULT);
        AugmentConfig.Builder b = AugmentConfig.preset(preset, px).toBuilder();
        if (blur != null) {
            b.set(Augmentation.BLUR, blur);
        }
        AugmentConfig config = b.build();
        int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        AugmentBenchmark.Options options = new AugmentBenchmark.Options(config, batch, threads, repeats, warmup);
        int src = sourceSize != null ? sourceSize : px;
        ImageDataset images = data.single() != null ? DatasetSpec.open(data.single())
                : AugmentBenchmark.syntheticImages(Math.max(1, Math.min(batch, 1024)), src, src, 1);
        AugmentBenchmark.Result r = AugmentBenchmark.run(images, options);
        PrintWriter out = spec.commandLine().getOut();
        if (json.json()) {
            out.println(new ObjectMapper().writeValueAsString(r));
        } else {
            out.printf(Locale.ROOT, "source        %s%n", r.source());
            out.printf(Locale.ROOT, "config        %s%n", r.config());
            out.printf(Locale.ROOT, "batch         %d images (%d views)%n", r.batch(), 2 * r.batch());
            out.printf(Locale.ROOT, "workers       %d threads%n", r.workers());
            out.printf(Locale.ROOT, "views/s       %.0f (median of %d: %s)%n", r.viewsPerSecond(),
                    r.repeatViewsPerSecond().length, Arrays.toString(Arrays.stream(r.repeatViewsPerSecond())
                            .mapToLong(Math::round).toArray()));
            out.printf(Locale.ROOT, "views/cpu-s   %.0f%n", r.viewsPerCpuSecond());
            out.printf(Locale.ROOT, "load average  %.2f%n", r.loadAverage());
            out.printf(Locale.ROOT, "peak RSS      %.0f MB%n", r.peakRssBytes() / 1048576.0);
        }
        return 0;
    }
}
