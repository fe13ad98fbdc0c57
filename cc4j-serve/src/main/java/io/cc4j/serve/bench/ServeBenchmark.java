package io.cc4j.serve.bench;

import io.cc4j.option.InvalidSettingException;
import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageGrid;
import io.cc4j.data.RawImage;
import io.cc4j.engine.CpuInfo;
import io.cc4j.engine.EngineSupport;
import io.cc4j.engine.ResidentMemory;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.run.RunLayout;
import io.cc4j.serve.ClusterServer;
import io.cc4j.serve.ServerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Measures the server on this machine: starts a {@link ClusterServer} on loopback, runs closed-loop clients at each
 * concurrency, and reports images/s, latency percentiles, errors and the mean batch size of the forward passes;
 * beside it, the in-process throughput of {@link ClusterPredictor#batchPredict} on the same images (the ceiling the
 * server is compared with) and the time of one image's in-process prediction. Optionally a soak run samples the
 * process's resident memory. Requests carry real images of the run's training data, as PNG files.
 *
 * <p>The clients run in the same process as the server and share its cores, as a co-located caller would.
 */
public final class ServeBenchmark {
    /** Images encoded for the requests (drawn round-robin). */
    static final int REQUEST_IMAGES = 256;

    /**
     * One concurrency level.
     *
     * @param concurrency closed-loop clients
     * @param requests successful requests in the timed window
     * @param imagesPerSecond successful images per second (one image per request)
     * @param p50Ms median latency
     * @param p95Ms 95th percentile latency
     * @param p99Ms 99th percentile latency
     * @param errors failed requests (non-200 or I/O errors)
     * @param meanBatch images per forward pass during the level, warm-up included
     * @param cpuMsPerImage CPU time of the process (server and clients) per answered image: what an image costs,
     *     less sensitive than wall time to other programs on a shared machine
     */
    public record Level(int concurrency, long requests, double imagesPerSecond, double p50Ms, double p95Ms,
            double p99Ms, int errors, double meanBatch, double cpuMsPerImage) {
    }

    /**
     * The in-process reference.
     *
     * @param batch images per forward pass
     * @param imagesPerSecond throughput of {@code batchPredict} on decoded images
     * @param singleImageMs median time of {@code predict} of one decoded image
     * @param cpuMsPerImage CPU time of the process per image in the batched passes
     */
    public record InProcess(int batch, double imagesPerSecond, double singleImageMs, double cpuMsPerImage) {
    }

    /**
     * A soak run.
     *
     * @param concurrency closed-loop clients
     * @param minutes length
     * @param requests successful requests
     * @param errors failed requests
     * @param imagesPerSecond throughput over the run
     * @param p99Ms 99th percentile latency over the run
     * @param rssStartBytes resident memory at the end of the warm-up (the first tenth, at most one minute)
     * @param rssEndBytes resident memory at the end
     * @param growth {@code rssEnd / rssStart - 1}
     * @param rssSamples resident memory every 10 s
     * @param heapStartBytes Java heap committed at the end of the warm-up: part of the RSS, grown by the JVM up to
     *     {@code -Xmx} as it sees fit, so RSS growth is only a leak where it is not heap growth
     * @param heapEndBytes Java heap committed at the end
     * @param heapSamples Java heap committed every 10 s
     */
    public record Soak(int concurrency, double minutes, long requests, int errors, double imagesPerSecond,
            double p99Ms, long rssStartBytes, long rssEndBytes, double growth, long[] rssSamples, long heapStartBytes,
            long heapEndBytes, long[] heapSamples) {
        /** @return growth of the resident memory outside the Java heap (native tensors, code, threads) */
        public double nonHeapGrowth() {
            return (double) (rssEndBytes - heapEndBytes) / (rssStartBytes - heapStartBytes) - 1;
        }
    }

    /**
     * Everything measured.
     *
     * @param run the run directory's name
     * @param cpu the CPU
     * @param engineThreads libtorch intra-op threads
     * @param maxBatch the server's largest batch
     * @param maxDelayMs the server's batching delay
     * @param inProcess the in-process reference
     * @param levels one entry per concurrency
     * @param soak the soak run, or null
     * @param loadAverage the one-minute load average at the end (how busy the machine was)
     */
    public record Result(String run, String cpu, int engineThreads, int maxBatch, long maxDelayMs, InProcess inProcess,
            List<Level> levels, Soak soak, double loadAverage) {
        /** @return images/s at {@code concurrency} divided by the in-process images/s, if measured */
        public Optional<Double> throughputRatio(int concurrency) {
            return levels.stream().filter(l -> l.concurrency == concurrency).findFirst()
                    .map(l -> l.imagesPerSecond / inProcess.imagesPerSecond);
        }

        /** @return p99 at concurrency 1 divided by one image's in-process time, if measured */
        public Optional<Double> latencyRatioAtOne() {
            return levels.stream().filter(l -> l.concurrency == 1).findFirst().map(l -> l.p99Ms / inProcess.singleImageMs);
        }
    }

    private final Path runDir;
    private final int[] concurrency;
    private final Duration seconds;
    private final Duration warmUp;
    private final ServerOptions options;
    private final double soakMinutes;
    private final int soakConcurrency;
    private final Consumer<String> progress;

    private ServeBenchmark(Builder b) {
        this.runDir = b.runDir;
        this.concurrency = b.concurrency.clone();
        this.seconds = b.seconds;
        this.warmUp = b.warmUp;
        this.options = b.options.toBuilder().optHost("127.0.0.1").optPort(0).build();
        this.soakMinutes = b.soakMinutes;
        this.soakConcurrency = b.soakConcurrency;
        this.progress = b.progress;
    }

    /** @param runDir the trained run to serve @return a builder */
    public static Builder builder(Path runDir) {
        return new Builder(runDir);
    }

    /** Runs every measurement; takes about (levels + 1) x (warm-up + seconds), plus the soak. */
    public Result run() throws InterruptedException {
        try (ClusterServer server = ClusterServer.start(runDir, options)) {
            if (!server.awaitReady(Duration.ofMinutes(5))) {
                throw new IllegalStateException("the server did not become ready");
            }
            List<RawImage> decoded = requestImages();
            List<byte[]> pngs = decoded.stream().map(ServeBenchmark::png).toList();
            progress.accept("in-process reference: batchPredict of " + options.maxBatch() + " images for "
                    + seconds.toSeconds() + " s");
            InProcess inProcess = inProcess(decoded);
            LoadGenerator clients = new LoadGenerator(server.url(), pngs, null);
            List<Level> levels = new ArrayList<>();
            for (int c : concurrency) {
                progress.accept("concurrency " + c + ": " + warmUp.toSeconds() + " s warm-up, " + seconds.toSeconds()
                        + " s measured");
                long[] before = server.passTotals();
                LoadGenerator.Outcome o = clients.run(c, warmUp, seconds);
                long[] after = server.passTotals();
                double meanBatch = after[0] == before[0] ? Double.NaN
                        : (double) (after[1] - before[1]) / (after[0] - before[0]);
                levels.add(new Level(c, o.ok(), o.ok() / o.seconds(), o.quantileMillis(0.5), o.quantileMillis(0.95),
                        o.quantileMillis(0.99), o.errors(), meanBatch, 1000 * o.cpuSeconds() / Math.max(1, o.ok())));
            }
            Soak soak = soakMinutes > 0 ? soak(clients) : null;
            return new Result(runDir.toAbsolutePath().normalize().getFileName().toString(), CpuInfo.current().toString(),
                    EngineSupport.threads(), options.maxBatch(), options.maxDelay().toMillis(), inProcess, levels, soak,
                    loadAverage());
        }
    }

    private Soak soak(LoadGenerator clients) throws InterruptedException {
        Duration length = Duration.ofMillis((long) (soakMinutes * 60_000));
        long warm = Math.min(60_000, length.toMillis() / 10);
        progress.accept("soak: concurrency " + soakConcurrency + " for " + soakMinutes + " min, RSS every 10 s");
        List<long[]> samples = new ArrayList<>();
        long[] atWarm = {-1, -1};
        Thread sampler = new Thread(() -> {
            long t0 = System.currentTimeMillis();
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.currentTimeMillis() - t0;
                long[] sample = {ResidentMemory.currentBytes(), heapCommitted()};
                synchronized (samples) {
                    samples.add(sample);
                }
                if (atWarm[0] < 0 && now >= warm) {
                    atWarm[0] = sample[0];
                    atWarm[1] = sample[1];
                }
                try {
                    Thread.sleep(now < warm ? Math.max(100, Math.min(10_000, warm - now)) : 10_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cc4j-bench-rss");
        sampler.setDaemon(true);
        sampler.start();
        LoadGenerator.Outcome o = clients.run(soakConcurrency, Duration.ZERO, length);
        sampler.interrupt();
        sampler.join(5000);
        long end = ResidentMemory.currentBytes();
        long heapEnd = heapCommitted();
        long start = atWarm[0] > 0 ? atWarm[0] : end;
        long heapStart = atWarm[0] > 0 ? atWarm[1] : heapEnd;
        long[][] taken;
        synchronized (samples) {
            taken = samples.toArray(new long[0][]);
        }
        return new Soak(soakConcurrency, soakMinutes, o.ok(), o.errors(), o.ok() / o.seconds(), o.quantileMillis(0.99),
                start, end, (double) end / start - 1, Arrays.stream(taken).mapToLong(x -> x[0]).toArray(), heapStart,
                heapEnd, Arrays.stream(taken).mapToLong(x -> x[1]).toArray());
    }

    private static long heapCommitted() {
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    private InProcess inProcess(List<RawImage> images) {
        int batch = options.maxBatch();
        try (ClusterPredictor predictor = ClusterPredictor.builder().setRunDirectory(runDir).optBatchSize(batch).build()) {
            List<RawImage> one = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                one.add(images.get(i % images.size()));
            }
            predictor.batchPredict(one);
            long t0 = System.nanoTime();
            long cpu0 = LoadGenerator.processCpuNanos();
            long until = t0 + seconds.toNanos();
            long done = 0;
            while (System.nanoTime() < until) {
                predictor.batchPredict(one);
                done += batch;
            }
            double perSecond = done / ((System.nanoTime() - t0) / 1e9);
            double cpuMs = (LoadGenerator.processCpuNanos() - cpu0) / 1e6 / done;
            double[] single = new double[60];
            for (int i = 0; i < 10; i++) {
                predictor.predict(images.get(i));
            }
            for (int i = 0; i < single.length; i++) {
                long s = System.nanoTime();
                predictor.predict(images.get(i % images.size()));
                single[i] = (System.nanoTime() - s) / 1e6;
            }
            Arrays.sort(single);
            return new InProcess(batch, perSecond, single[single.length / 2], cpuMs);
        }
    }

    /** The first images of the run's training data, or random ones of the model's size when it cannot be opened. */
    private List<RawImage> requestImages() {
        List<RawImage> out = new ArrayList<>();
        try {
            Optional<ImageDataset> data = RunLayout.of(runDir).openDataset();
            if (data.isPresent()) {
                for (int i = 0; i < Math.min(REQUEST_IMAGES, data.get().size()); i++) {
                    out.add(data.get().image(i));
                }
            }
        } catch (InvalidInputException e) {
            progress.accept("training data unavailable (" + e.getMessage() + "): random images instead");
        }
        if (out.isEmpty()) {
            Random random = new Random(42);
            int size = 32;
            for (int i = 0; i < REQUEST_IMAGES; i++) {
                byte[] px = new byte[3 * size * size];
                random.nextBytes(px);
                out.add(new RawImage(3, size, size, px));
            }
        }
        return out;
    }

    private static byte[] png(RawImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(ImageGrid.toBufferedImage(image), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Options of the benchmark. */
    public static final class Builder {
        private final Path runDir;
        private int[] concurrency = {1, 4, 16, 64};
        private Duration seconds = Duration.ofSeconds(20);
        private Duration warmUp = Duration.ofSeconds(3);
        private ServerOptions options = ServerOptions.defaults();
        private double soakMinutes;
        private int soakConcurrency = 16;
        private Consumer<String> progress = s -> { };

        private Builder(Path runDir) {
            this.runDir = Objects.requireNonNull(runDir, "runDir");
        }

        /** @param levels client counts, each at least 1 and at most 1024 @return this builder */
        public Builder optConcurrency(int... levels) {
            if (levels.length == 0 || Arrays.stream(levels).anyMatch(c -> c < 1 || c > 1024)) {
                throw InvalidSettingException.naming("concurrency", n -> n + " needs values from 1 to 1024, got "
                        + Arrays.toString(levels));
            }
            this.concurrency = levels.clone();
            return this;
        }

        /** @param seconds timed length of each level @return this builder */
        public Builder optSeconds(Duration seconds) {
            if (seconds.isNegative() || seconds.isZero() || seconds.compareTo(Duration.ofHours(1)) > 0) {
                throw InvalidSettingException.naming("seconds", n -> n + " must be 1 to 3600, got "
                        + seconds.toSeconds());
            }
            this.seconds = seconds;
            return this;
        }

        /** @param warmUp untimed start of each level @return this builder */
        public Builder optWarmUp(Duration warmUp) {
            this.warmUp = Objects.requireNonNull(warmUp, "warmUp");
            return this;
        }

        /** @param options the server's batching and limits (host and port are always loopback and free) @return this builder */
        public Builder optServerOptions(ServerOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** @param minutes soak length after the levels, 0 for none @return this builder */
        public Builder optSoakMinutes(double minutes) {
            if (minutes < 0 || minutes > 24 * 60) {
                throw InvalidSettingException.naming("soakMinutes", n -> n + " must be 0 to 1440, got " + minutes);
            }
            this.soakMinutes = minutes;
            return this;
        }

        /** @param clients soak concurrency (default 16) @return this builder */
        public Builder optSoakConcurrency(int clients) {
            this.soakConcurrency = clients;
            return this;
        }

        /** @param progress receives a line as each part starts @return this builder */
        public Builder optProgress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** @return the benchmark */
        public ServeBenchmark build() {
            return new ServeBenchmark(this);
        }
    }
}
