package io.cc4j.serve.bench;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageGrid;
import io.cc4j.data.RawImage;
import io.cc4j.engine.CpuInfo;
import io.cc4j.engine.EngineSupport;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.option.InvalidSettingException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * Measures the server on this machine: starts a {@link ClusterServer} on loopback in a process of its own, runs
 * closed-loop clients at each concurrency, and reports images/s, latency percentiles, errors and the mean batch size
 * of the forward passes; beside it, the in-process throughput of {@link ClusterPredictor#batchPredict} on the same
 * images (the ceiling the server is compared with) and the time of one image's in-process prediction. Optionally a
 * soak run samples the server's resident memory. Requests carry real images of the run's training data, as PNG files.
 *
 * <p><b>Cost.</b> On a small machine the clients share the server's cores, so throughput measures them as much as
 * the server. Each level therefore also reports what the server itself spent: the CPU time of the server's process
 * (every thread, libtorch's native ones included, less its JIT compiler) per image over the timed window, and,
 * measured right after in this process while the server is idle, the CPU time per image of
 * {@link ClusterPredictor#batchPredict} on decoded images with the same batch sizes as the server's passes; their
 * difference per request is the HTTP path's own cost (reading, parsing, decoding the PNG, the hand-offs to and from
 * the batching thread, the JSON answer). The server's CPU is also split by thread (forward passes, Jetty's threads,
 * the preparing pool, JIT, GC).
 */
public final class ServeBenchmark {
    /** Images encoded for the requests (drawn round-robin). */
    static final int REQUEST_IMAGES = 256;
    /** Most passes in the in-process replay of a level's batch sizes. */
    static final int REPLAYED_PASSES = 400;
    /** Clients of the server's warm-up. */
    static final int SERVER_WARM_UP_CLIENTS = 16;

    /**
     * One concurrency level.
     *
     * @param concurrency closed-loop clients
     * @param imagesPerRequest images in each request (1: the image is the body; more: one multipart/form-data body)
     * @param requests successful requests in the timed window
     * @param imagesPerSecond successful images per second
     * @param p50Ms median latency of a request
     * @param p95Ms 95th percentile latency
     * @param p99Ms 99th percentile latency
     * @param errors failed requests (non-200 or I/O errors)
     * @param meanBatch images per forward pass in the timed window
     * @param seconds length of the timed window
     * @param serverImages images the server's forward passes took in the timed window
     * @param serverCpuSeconds CPU time of the server's process in the timed window (all its threads)
     * @param serverCpuMsPerImage {@code serverCpuSeconds} less the JIT compiler's part (in
     *     {@code serverThreadCpuSeconds}), per image of {@code serverImages}: what an image costs the server once
     *     its code is compiled, nearly independent of other programs on a shared machine
     * @param inProcessCpuMsPerImage CPU time per image of {@code batchPredict} in this process on the same batch
     *     sizes as the server's passes in the window (each size as often), measured right after the level while the
     *     server is idle, less this process's JIT compiler threads (compiling the clients' code)
     * @param cpuRatio {@code serverCpuMsPerImage / inProcessCpuMsPerImage}
     * @param httpMicrosPerRequest the HTTP path's own CPU time per request:
     *     {@code (serverCpuMsPerImage - inProcessCpuMsPerImage) * imagesPerRequest}, in microseconds
     * @param clientCpuMsPerImage CPU time of this process (the clients) per answered image
     * @param serverThreadCpuSeconds the server's CPU time in the window by thread group: {@code batcher} (forward
     *     passes, with libtorch's OpenMP workers), {@code jetty} (reading, decoding, resizing, answering),
     *     {@code prepare} (the predictor's pool: resizing requests of 4 images or more), {@code jit}, {@code gc},
     *     {@code other}, and {@code ended} (threads that ended during the window, and rounding)
     */
    public record Level(int concurrency, int imagesPerRequest, long requests, double imagesPerSecond, double p50Ms,
            double p95Ms, double p99Ms, int errors, double meanBatch, double seconds, long serverImages,
            double serverCpuSeconds, double serverCpuMsPerImage, double inProcessCpuMsPerImage, double cpuRatio,
            double httpMicrosPerRequest, double clientCpuMsPerImage, Map<String, Double> serverThreadCpuSeconds) {
    }

    /**
     * The in-process reference.
     *
     * @param batch images per forward pass
     * @param imagesPerSecond throughput of {@code batchPredict} on decoded images
     * @param singleImageMs median time of {@code predict} of one decoded image
     * @param cpuMsPerImage CPU time of this process per image in the batched passes, less its JIT compiler threads
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
     * @param rssStartBytes the server's resident memory at the end of the warm-up (the first tenth, at most one
     *     minute)
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
     * @param engineThreads libtorch intra-op threads (the server's; this process uses as many)
     * @param maxBatch the server's largest batch
     * @param maxDelayMs the server's batching delay
     * @param inProcess the in-process reference
     * @param levels one entry per concurrency, then the multipart level if asked for
     * @param soak the soak run, or null
     * @param loadAverageStart the one-minute load average at the start (how busy the machine was)
     * @param loadAverage the one-minute load average at the end
     */
    public record Result(String run, String cpu, int engineThreads, int maxBatch, long maxDelayMs, InProcess inProcess,
            List<Level> levels, Soak soak, double loadAverageStart, double loadAverage) {
        /** @return images/s at {@code concurrency} (one image per request) divided by the in-process images/s */
        public Optional<Double> throughputRatio(int concurrency) {
            return single(concurrency).map(l -> l.imagesPerSecond / inProcess.imagesPerSecond);
        }

        /** @return p99 at concurrency 1 divided by one image's in-process time, if measured */
        public Optional<Double> latencyRatioAtOne() {
            return single(1).map(l -> l.p99Ms / inProcess.singleImageMs);
        }

        /** @return the server's CPU per image at {@code concurrency} over the in-process one on its batch sizes */
        public Optional<Double> cpuRatio(int concurrency) {
            return single(concurrency).map(Level::cpuRatio);
        }

        private Optional<Level> single(int concurrency) {
            return levels.stream().filter(l -> l.concurrency == concurrency && l.imagesPerRequest == 1).findFirst();
        }
    }

    private final Path runDir;
    private final int[] concurrency;
    private final Duration seconds;
    private final Duration warmUp;
    private final Duration serverWarmUp;
    private final ServerOptions options;
    private final double soakMinutes;
    private final int soakConcurrency;
    private final int multipartImages;
    private final int multipartConcurrency;
    private final List<String> serverJvmOptions;
    private final Consumer<String> progress;

    private ServeBenchmark(Builder b) {
        this.runDir = b.runDir;
        this.concurrency = b.concurrency.clone();
        this.seconds = b.seconds;
        this.warmUp = b.warmUp;
        this.serverWarmUp = b.serverWarmUp;
        this.options = b.options.toBuilder().optHost("127.0.0.1").optPort(0).build();
        this.soakMinutes = b.soakMinutes;
        this.soakConcurrency = b.soakConcurrency;
        this.multipartImages = b.multipartImages;
        this.multipartConcurrency = b.multipartConcurrency;
        this.serverJvmOptions = List.copyOf(b.serverJvmOptions);
        this.progress = b.progress;
    }

    /** @param runDir the trained run to serve @return a builder */
    public static Builder builder(Path runDir) {
        return new Builder(runDir);
    }

    /**
     * Runs every measurement; takes about the server's warm-up + (levels + 1) x (warm-up + 2 x seconds), plus the
     * soak and the start of the server's process.
     */
    public Result run() throws InterruptedException {
        double loadStart = loadAverage();
        progress.accept("starting the server in its own process");
        try (ServerProcess server = startServer()) {
            // This process runs the in-process reference with the server's thread count.
            EngineSupport.configure(server.engineThreads());
            List<RawImage> decoded = requestImages();
            List<byte[]> pngs = decoded.stream().map(ServeBenchmark::png).toList();
            try (ClusterPredictor predictor = ClusterPredictor.builder().setRunDirectory(runDir)
                    .optBatchSize(options.maxBatch()).build()) {
                progress.accept("in-process reference: batchPredict of " + options.maxBatch() + " images for "
                        + seconds.toSeconds() + " s");
                InProcess inProcess = inProcess(predictor, decoded);
                List<LoadGenerator.Body> single = pngs.stream().map(LoadGenerator.Body::png).toList();
                LoadGenerator clients = new LoadGenerator(server.url(), single, null);
                List<LoadGenerator.Body> multipart = new ArrayList<>();
                for (int from = 0; multipartImages > 0 && from + multipartImages <= pngs.size();
                        from += multipartImages) {
                    multipart.add(LoadGenerator.Body.multipart(pngs.subList(from, from + multipartImages)));
                }
                if (!serverWarmUp.isZero()) {
                    // The JIT compiler keeps compiling the request path for tens of seconds (thousands of requests):
                    // measured before that, its CPU time would count as the server's cost per image.
                    progress.accept("server warm-up: " + serverWarmUp.toSeconds() + " s at concurrency "
                            + SERVER_WARM_UP_CLIENTS + (multipart.isEmpty() ? "" : ", one request in 8 multipart"));
                    List<LoadGenerator.Body> mixed = new ArrayList<>();
                    for (int i = 0; i < single.size(); i++) {
                        mixed.add(!multipart.isEmpty() && i % 8 == 7 ? multipart.get(i / 8 % multipart.size())
                                : single.get(i));
                    }
                    new LoadGenerator(server.url(), mixed, null).run(SERVER_WARM_UP_CLIENTS, Duration.ZERO,
                            serverWarmUp);
                }
                List<Level> levels = new ArrayList<>();
                for (int c : concurrency) {
                    progress.accept("concurrency " + c + ": " + warmUp.toSeconds() + " s warm-up, "
                            + seconds.toSeconds() + " s measured, then the in-process cost on its batch sizes");
                    levels.add(level(server, clients, c, 1, predictor, decoded));
                }
                if (!multipart.isEmpty()) {
                    progress.accept("concurrency " + multipartConcurrency + ", " + multipartImages + " images per"
                            + " multipart request: " + warmUp.toSeconds() + " s warm-up, " + seconds.toSeconds()
                            + " s measured");
                    levels.add(level(server, new LoadGenerator(server.url(), multipart, null), multipartConcurrency,
                            multipartImages, predictor, decoded));
                }
                Soak soak = soakMinutes > 0 ? soak(server, clients) : null;
                return new Result(runDir.toAbsolutePath().normalize().getFileName().toString(),
                        CpuInfo.current().toString(), server.engineThreads(), options.maxBatch(),
                        options.maxDelay().toMillis(), inProcess, levels, soak, loadStart, loadAverage());
            }
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot start the server's process", e);
        }
    }

    private ServerProcess startServer() throws java.io.IOException, InterruptedException {
        return ServerProcess.start(runDir, options, serverJvmOptions, Duration.ofMinutes(5));
    }

    /** One level: the clients' figures, the server's CPU in the timed window, and the in-process cost after it. */
    private Level level(ServerProcess server, LoadGenerator clients, int c, int perRequest, ClusterPredictor predictor,
            List<RawImage> decoded) throws InterruptedException {
        ServerProcess.Stats[] window = new ServerProcess.Stats[2];
        LoadGenerator.Outcome o = clients.run(c, warmUp, seconds, new LoadGenerator.Window() {
            @Override
            public void start() {
                window[0] = server.stats();
            }

            @Override
            public void end() {
                window[1] = server.stats();
            }
        });
        long passes = window[1].passes() - window[0].passes();
        long images = window[1].images() - window[0].images();
        double meanBatch = passes == 0 ? Double.NaN : (double) images / passes;
        double serverCpu = (window[1].cpuNanos() - window[0].cpuNanos()) / 1e9;
        // Less the JIT compiler (shown apart in the thread split), as for the in-process figure: after the server's
        // warm-up it only recompiles code whose profile the change of load between levels upset.
        double serverJit = Math.min(serverCpu, window[1].threadNanos().getOrDefault(ThreadCpu.JIT, 0L) / 1e9);
        double serverMs = images == 0 ? Double.NaN : 1000 * (serverCpu - serverJit) / images;
        long[] sizes = new long[window[1].passSizes().length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = window[1].passSizes()[i] - window[0].passSizes()[i];
        }
        double inProcessMs = passes == 0 ? Double.NaN : cpuMsPerImage(predictor, decoded, sizes);
        Map<String, Double> threads = new LinkedHashMap<>();
        double attributed = 0;
        for (Map.Entry<String, Long> e : window[1].threadNanos().entrySet()) {
            threads.put(e.getKey(), e.getValue() / 1e9);
            attributed += e.getValue() / 1e9;
        }
        threads.put("ended", serverCpu - attributed);
        long answered = o.ok() * perRequest;
        return new Level(c, perRequest, o.ok(), answered / o.seconds(), o.quantileMillis(0.5),
                o.quantileMillis(0.95), o.quantileMillis(0.99), o.errors(), meanBatch, o.seconds(), images, serverCpu,
                serverMs, inProcessMs, serverMs / inProcessMs, 1000 * (serverMs - inProcessMs) * perRequest,
                1000 * o.cpuSeconds() / Math.max(1, answered), threads);
    }

    /**
     * CPU time per image of {@code batchPredict} on the server's mix of batch sizes: a sequence of passes holding
     * each size as often as the server ran it in the window (up to {@link #REPLAYED_PASSES} passes, in a fixed
     * shuffled order), replayed for the in-process time, less this process's JIT compiler threads.
     *
     * @param sizes element n: the server's passes of n images
     */
    private double cpuMsPerImage(ClusterPredictor predictor, List<RawImage> images, long[] sizes) {
        long passes = Arrays.stream(sizes).sum();
        List<Integer> sequence = new ArrayList<>();
        // Largest remainders: each size gets its share of the sequence, rounded so that the shares sum up.
        double scale = Math.min(1.0, (double) REPLAYED_PASSES / passes);
        List<double[]> remainders = new ArrayList<>();
        for (int n = 1; n < sizes.length; n++) {
            double share = sizes[n] * scale;
            for (int i = 0; i < (int) share; i++) {
                sequence.add(n);
            }
            remainders.add(new double[] {share - Math.floor(share), n});
        }
        long target = Math.max(1, Math.round(passes * scale));
        remainders.sort((a, b) -> Double.compare(b[0], a[0]));
        for (int i = 0; sequence.size() < target && i < remainders.size(); i++) {
            sequence.add((int) remainders.get(i)[1]);
        }
        java.util.Collections.shuffle(sequence, new Random(42));
        List<List<RawImage>> batches = new ArrayList<>();
        for (int p = 0; p < sequence.size(); p++) {
            List<RawImage> b = new ArrayList<>();
            for (int i = 0; i < sequence.get(p); i++) {
                b.add(images.get((p * 61 + i) % images.size()));
            }
            batches.add(b);
        }
        Duration length = inProcessSeconds();
        long warm = System.nanoTime() + Math.min(500_000_000L, length.toNanos() / 4);
        int k = 0;
        while (System.nanoTime() < warm || k < 3) {
            predictor.batchPredict(batches.get(k++ % batches.size()));
        }
        ThreadCpu.Snapshot threads0 = ThreadCpu.take();
        long cpu0 = LoadGenerator.processCpuNanos();
        long until = System.nanoTime() + length.toNanos();
        long done = 0;
        // Whole rounds of the sequence, so that every size has its share.
        do {
            for (List<RawImage> b : batches) {
                predictor.batchPredict(b);
                done += b.size();
            }
        } while (System.nanoTime() < until);
        long cpu = LoadGenerator.processCpuNanos() - cpu0;
        // Less this process's JIT compiler, which may still be compiling the clients' code of the level before.
        long jit = ThreadCpu.take().since(threads0).get(ThreadCpu.JIT);
        return (cpu - Math.max(0, Math.min(jit, cpu))) / 1e6 / done;
    }

    private Duration inProcessSeconds() {
        return seconds.compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(1) : seconds.dividedBy(2);
    }

    private Soak soak(ServerProcess server, LoadGenerator clients) throws InterruptedException {
        Duration length = Duration.ofMillis((long) (soakMinutes * 60_000));
        long warm = Math.min(60_000, length.toMillis() / 10);
        progress.accept("soak: concurrency " + soakConcurrency + " for " + soakMinutes + " min, RSS every 10 s");
        List<long[]> samples = new ArrayList<>();
        long[] atWarm = {-1, -1};
        Thread sampler = new Thread(() -> {
            long t0 = System.currentTimeMillis();
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.currentTimeMillis() - t0;
                long[] sample = server.memory();
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
        long[] last = server.memory();
        long end = last[0];
        long heapEnd = last[1];
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

    private InProcess inProcess(ClusterPredictor predictor, List<RawImage> images) {
        int batch = options.maxBatch();
        List<RawImage> one = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            one.add(images.get(i % images.size()));
        }
        predictor.batchPredict(one);
        ThreadCpu.Snapshot threads0 = ThreadCpu.take();
        long t0 = System.nanoTime();
        long cpu0 = LoadGenerator.processCpuNanos();
        long until = t0 + seconds.toNanos();
        long done = 0;
        while (System.nanoTime() < until) {
            predictor.batchPredict(one);
            done += batch;
        }
        double perSecond = done / ((System.nanoTime() - t0) / 1e9);
        long cpu = LoadGenerator.processCpuNanos() - cpu0;
        long jit = ThreadCpu.take().since(threads0).get(ThreadCpu.JIT);
        double cpuMs = (cpu - Math.max(0, Math.min(jit, cpu))) / 1e6 / done;
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
        private Duration serverWarmUp = Duration.ofSeconds(60);
        private ServerOptions options = ServerOptions.defaults();
        private double soakMinutes;
        private int soakConcurrency = 16;
        private int multipartImages;
        private int multipartConcurrency = 4;
        private List<String> serverJvmOptions = List.of();
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

        /**
         * @param warmUp untimed load on the server before the first level (default 60 s), at concurrency 16 with one
         *     request in 8 multipart when the multipart level is on, so that the JIT compiler has compiled the
         *     request path before any CPU time is counted
         * @return this builder
         */
        public Builder optServerWarmUp(Duration warmUp) {
            if (warmUp.isNegative() || warmUp.compareTo(Duration.ofHours(1)) > 0) {
                throw InvalidSettingException.naming("serverWarmUp", n -> n + " must be 0 to 3600 s, got "
                        + warmUp.toSeconds());
            }
            this.serverWarmUp = warmUp;
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

        /**
         * @param images images per request of a last level whose requests are multipart/form-data bodies, 0 for
         *     none (the default); at most 256, the images the benchmark encodes
         * @param clients its concurrency
         * @return this builder
         */
        public Builder optMultipart(int images, int clients) {
            if (images < 0 || images > REQUEST_IMAGES || clients < 1 || clients > 1024) {
                throw InvalidSettingException.naming("multipart", n -> n + " needs 0 to " + REQUEST_IMAGES
                        + " images per request and 1 to 1024 clients, got " + images + " and " + clients);
            }
            this.multipartImages = images;
            this.multipartConcurrency = clients;
            return this;
        }

        /**
         * @param options JVM options for the server's process only, after those of this process (for example a
         *     profiler or a flight recording of the server alone)
         * @return this builder
         */
        public Builder optServerJvmOptions(List<String> options) {
            this.serverJvmOptions = List.copyOf(options);
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
