package io.cc4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cc4j.cli.common.JsonOption;
import io.cc4j.cli.common.ModelOption;
import io.cc4j.cli.common.ThreadsOption;
import io.cc4j.serve.ServerOptions;
import io.cc4j.serve.bench.ServeBenchmark;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code cc4j bench serve}: the server under closed-loop load on loopback, against in-process throughput. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Times the server under closed-loop load on loopback.",
            "Starts the server on loopback in a process of its own and runs closed-loop clients (each posts one PNG"
                    + " image of the run's training data, waits, posts the next) at each concurrency, then requests of"
                    + " --multipart-images images as one multipart body at --multipart-concurrency; prints images/s,"
                    + " p50/p95/p99 latency, errors and the mean batch size, beside the in-process throughput of"
                    + " ClusterPredictor.batchPredict and the time of one image in process.",
            "Cost: the server process's CPU time per image (all its threads, libtorch's included) against the"
                    + " in-process batchPredict's CPU per image on the same batch sizes as the server's passes, measured after"
                    + " each level; their ratio; the HTTP path's own CPU microseconds per request (the difference);"
                    + " the clients' CPU per image; and the server's CPU by thread.",
            "--soak-minutes adds a long run at --soak-concurrency sampling the resident memory.",
        },
        exitCodeList = {"0:figures printed"})
public final class BenchServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,4,16,64",
            description = "Client counts (default ${DEFAULT-VALUE}).")
    private List<Integer> concurrency;

    @Option(names = "--seconds", defaultValue = "20", description = "Timed seconds per level (default ${DEFAULT-VALUE}).")
    private int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "3",
            description = "Untimed seconds before each level (default ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--server-warmup-seconds", defaultValue = "60",
            description = "Untimed load before the first level, so that the JIT has compiled the request path"
                    + " (default ${DEFAULT-VALUE}).")
    private int serverWarmup;

    @picocli.CommandLine.Mixin
    ThreadsOption engineThreads = new ThreadsOption();

    @Mixin
    BatchingOptions batching;

    @Option(names = "--soak-minutes", defaultValue = "0", description = "Soak length after the levels (default: none).")
    private double soakMinutes;

    @Option(names = "--soak-concurrency", defaultValue = "16", description = "Soak clients (default ${DEFAULT-VALUE}).")
    private int soakConcurrency;

    @Option(names = "--multipart-images", defaultValue = "16",
            description = "Images per request of the multipart level, 0 for none (default ${DEFAULT-VALUE}).")
    private int multipartImages;

    @Option(names = "--multipart-concurrency", defaultValue = "4",
            description = "Clients of the multipart level (default ${DEFAULT-VALUE}).")
    private int multipartConcurrency;

    @Option(names = "--server-jvm-options", paramLabel = "OPTIONS", defaultValue = "",
            description = "JVM options for the server's process alone, space-separated (e.g. a profiler agent).")
    private String serverJvmOptions;

    @Mixin
    JsonOption json;


    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerOptions options = ServerOptions.builder().optThreads(engineThreads.threads()).optMaxBatch(batching.maxBatch())
                .optMaxDelay(batching.maxDelay()).build();
        ServeBenchmark.Result r = ServeBenchmark.builder(model.path())
                .optConcurrency(concurrency.stream().mapToInt(Integer::intValue).toArray())
                .optSeconds(Duration.ofSeconds(seconds)).optWarmUp(Duration.ofSeconds(warmup))
                .optServerWarmUp(Duration.ofSeconds(serverWarmup)).optServerOptions(options)
                .optSoakMinutes(soakMinutes).optSoakConcurrency(soakConcurrency)
                .optMultipart(multipartImages, multipartConcurrency)
                .optServerJvmOptions(serverJvmOptions.isBlank() ? List.of()
                        : List.of(serverJvmOptions.strip().split("\\s+")))
                .optProgress(line -> {
                    err.println("bench serve: " + line);
                    err.flush();
                }).build().run();
        if (json.json()) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r));
            return 0;
        }
        out.printf(Locale.ROOT, "run           %s%n", r.run());
        out.printf(Locale.ROOT, "cpu           %s, %d engine threads%n", r.cpu(), r.engineThreads());
        out.printf(Locale.ROOT, "server        max batch %d, max delay %d ms%n", r.maxBatch(), r.maxDelayMs());
        out.printf(Locale.ROOT, "in process    %.0f images/s (batchPredict of %d), %.3f CPU-ms/image; one image %.2f ms%n",
                r.inProcess().imagesPerSecond(), r.inProcess().batch(), r.inProcess().cpuMsPerImage(),
                r.inProcess().singleImageMs());
        out.printf(Locale.ROOT, "%-12s %10s %9s %9s %9s %7s %10s %8s%n", "concurrency", "images/s", "p50 ms",
                "p95 ms", "p99 ms", "errors", "mean batch", "vs in-p");
        for (ServeBenchmark.Level l : r.levels()) {
            out.printf(Locale.ROOT, "%-12s %10.0f %9.2f %9.2f %9.2f %7d %10.1f %8.2f%n", name(l), l.imagesPerSecond(),
                    l.p50Ms(), l.p95Ms(), l.p99Ms(), l.errors(), l.meanBatch(),
                    l.imagesPerSecond() / r.inProcess().imagesPerSecond());
        }
        out.printf(Locale.ROOT, "cost (CPU time; the server runs in its own process)%n");
        out.printf(Locale.ROOT, "%-12s %12s %12s %7s %12s %12s   %s%n", "concurrency", "server", "in-process",
                "ratio", "HTTP path", "clients", "server threads, cores: batcher jetty prepare jit gc other ended");
        out.printf(Locale.ROOT, "%-12s %12s %12s %7s %12s %12s%n", "", "ms/image", "ms/image", "", "us/request",
                "ms/image");
        for (ServeBenchmark.Level l : r.levels()) {
            StringBuilder threads = new StringBuilder();
            l.serverThreadCpuSeconds().values().forEach(v -> threads.append(String.format(Locale.ROOT, " %.2f",
                    v / l.seconds())));
            out.printf(Locale.ROOT, "%-12s %12.3f %12.3f %7.2f %12.0f %12.3f  %s%n", name(l), l.serverCpuMsPerImage(),
                    l.inProcessCpuMsPerImage(), l.cpuRatio(), l.httpMicrosPerRequest(), l.clientCpuMsPerImage(),
                    threads);
        }
        out.printf(Locale.ROOT, "              server: its process's CPU less its JIT compiler's, per image; in-process:"
                + " batchPredict here on the level's batch sizes;%n              HTTP path: their difference per request;"
                + " clients: this process's CPU per image%n");
        r.latencyRatioAtOne().ifPresent(x -> out.printf(Locale.ROOT,
                "p99 at concurrency 1 = %.2f x one image in process%n", x));
        if (r.soak() != null) {
            ServeBenchmark.Soak s = r.soak();
            out.printf(Locale.ROOT, "soak          %.1f min at %d: %.0f images/s, p99 %.2f ms, %d errors%n", s.minutes(),
                    s.concurrency(), s.imagesPerSecond(), s.p99Ms(), s.errors());
            out.printf(Locale.ROOT, "              RSS %.0f MB after warm-up, %.0f MB at the end (%+.1f%%); of which Java"
                    + " heap committed %.0f -> %.0f MB; outside the heap %+.1f%%%n", s.rssStartBytes() / 1048576.0,
                    s.rssEndBytes() / 1048576.0, 100 * s.growth(), s.heapStartBytes() / 1048576.0,
                    s.heapEndBytes() / 1048576.0, 100 * s.nonHeapGrowth());
        }
        out.printf(Locale.ROOT, "load average  %.2f at the start, %.2f at the end%n", r.loadAverageStart(),
                r.loadAverage());
        return 0;
    }

    private static String name(ServeBenchmark.Level l) {
        return l.imagesPerRequest() == 1 ? Integer.toString(l.concurrency())
                : l.concurrency() + " x " + l.imagesPerRequest() + " img";
    }
}
