package io.cc4j.serve;

import io.cc4j.option.InvalidSettingException;
import io.cc4j.option.FieldMessage;
import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDecoder;
import io.cc4j.data.RawImage;
import io.cc4j.engine.EngineSupport;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.inference.DynamicBatcher;
import io.cc4j.run.RunLayout;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a trained run over HTTP: {@code POST /v1/assign} gives new images their clusters through a
 * {@link ClusterPredictor} whose forward passes are shared by concurrent requests ({@link DynamicBatcher}), with
 * the model's description, health, readiness, Prometheus metrics, each cluster's most confident training images,
 * and a page to try it in a browser.
 *
 * <pre>{@code
 * try (ClusterServer server = ClusterServer.start(Path.of("runs/c10"), ServerOptions.defaults())) {
 *     System.out.println(server.url());
 *     ShutdownSignals.install().await();
 * }   // close(): refuses new requests, finishes those in flight, frees the model
 * }</pre>
 *
 * <p>The model is loaded before the port opens; readiness ({@code /readyz}) follows once warm-up passes have run.
 * The HTTP layer is Javalin on Jetty 12; see {@link Routes} for the endpoints and {@link ServerOptions} for the
 * limits.
 */
public final class ClusterServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterServer.class);

    private final ServerOptions options;
    private final ClusterPredictor predictor;
    private final DynamicBatcher batcher;
    private final ServerMetrics metrics;
    private final Javalin app;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch warmedUp = new CountDownLatch(1);
    private final URI url;

    private ClusterServer(Path runDir, ServerOptions options) {
        this.options = options;
        long t0 = System.nanoTime();
        if (options.threads() > 0) {
            EngineSupport.configure(options.threads());
        } else {
            EngineSupport.engine();
        }
        ImageDecoder decoder = ImageDecoder.builder().optMaxPixels(options.maxPixels()).build();
        ClusterPredictor.Builder loading = ClusterPredictor.builder().setRunDirectory(runDir).optDecoder(decoder)
                .optBatchSize(options.maxBatch());
        if (options.channelsLast() != null) {
            loading.optChannelsLast(options.channelsLast());
        }
        this.predictor = loading.build();
        DynamicBatcher built = null;
        Javalin started = null;
        try {
            DynamicBatcher[] holder = new DynamicBatcher[1];
            this.metrics = new ServerMetrics(options.maxBatch(), () -> holder[0] == null ? 0 : holder[0].queued());
            built = DynamicBatcher.builder(predictor).optMaxBatch(options.maxBatch()).optMaxDelay(options.maxDelay())
                    .optQueueCapacity(options.queue()).optListener(metrics).build();
            holder[0] = built;
            this.batcher = built;
            RunLayout run = RunLayout.of(runDir);
            ClusterExamples examples = ClusterExamples.load(run, predictor.clusters());
            byte[] model = ModelDescription.of(run, predictor, options, examples);
            Routes routes = new Routes(this, options, predictor, batcher, metrics, examples, model, PageFiles.load());
            Javalin created = routes.create();
            try {
                created.start();
            } catch (JavalinBindException e) {
                throw InvalidSettingException.of(FieldMessage.of(List.of("port", "host"), n -> "cannot listen"
                        + " on " + options.host() + ":" + options.port() + " (" + e.getMessage() + "); choose another "
                        + n.get(0) + " or " + n.get(1)), e);
            }
            started = created;
            this.app = started;
            this.url = URI.create("http://" + hostForUrl(options.host()) + ":" + app.port() + "/");
        } catch (RuntimeException | Error e) {
            if (started != null) {
                started.stop();
            }
            if (built != null) {
                built.close();
            }
            predictor.close();
            throw e;
        }
        LOG.info("model {} loaded and listening after {} ms", runDir, (System.nanoTime() - t0) / 1_000_000);
        Thread warm = new Thread(this::warmUp, "cc4j-warm-up");
        warm.setDaemon(true);
        warm.start();
    }

    /**
     * Loads the run's newest checkpoint and starts listening; readiness follows after warm-up.
     *
     * @param runDir a trained run directory
     * @param options address, batching and limits
     * @return the running server
     * @throws InvalidInputException when the run cannot be loaded, or the address cannot be listened on (port taken)
     */
    public static ClusterServer start(Path runDir, ServerOptions options) {
        return new ClusterServer(runDir, options);
    }

    /** One pass of one image and one full batch, so that the first requests do not pay libtorch's first calls. */
    private void warmUp() {
        long t0 = System.nanoTime();
        try {
            int size = predictor.spec().imageSize();
            RawImage grey = new RawImage(3, size, size, new byte[3 * size * size]);
            predictor.batchPredict(List.of(grey));
            List<RawImage> full = new ArrayList<>();
            for (int i = 0; i < options.maxBatch(); i++) {
                full.add(grey);
            }
            if (!closed.get()) {
                predictor.batchPredict(full);
            }
            if (!closed.get()) {
                ready.set(true);
                LOG.info("warmed up in {} ms; ready", (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (RuntimeException e) {
            if (closed.get()) {
                LOG.info("warm-up cut short: the server is stopping");
            } else {
                LOG.error("warm-up failed; the server stays not ready: {}", e.toString());
            }
        } finally {
            warmedUp.countDown();
        }
    }

    private static String hostForUrl(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress()) {
                return "127.0.0.1";
            }
            return address instanceof java.net.Inet6Address ? "[" + host + "]" : host;
        } catch (UnknownHostException e) {
            return host;
        }
    }

    /** @return the port listened on */
    public int port() {
        return app.port();
    }

    /** @return the page's address, e.g. {@code http://127.0.0.1:8080/} */
    public URI url() {
        return url;
    }

    /** @return whether the model is loaded and warmed up, and the server is not stopping */
    public boolean isReady() {
        return ready.get();
    }

    /**
     * Waits for warm-up.
     *
     * @param timeout the longest wait
     * @return whether the server is ready
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        warmedUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return isReady();
    }

    /** @return forward passes run so far and the images in them (for the mean batch size) */
    public long[] passTotals() {
        double[] t = metrics.passTotals();
        return new long[] {(long) t[0], (long) t[1]};
    }

    /**
     * @return forward passes run so far by their exact number of images: element n counts the passes of n images
     *     (for the benchmark, which replays the same batch sizes in process)
     */
    public long[] passSizes() {
        return metrics.passSizes();
    }

    /** @return the options the server runs with */
    public ServerOptions options() {
        return options;
    }

    /** The batcher, for tests that need the queue in a given state. */
    DynamicBatcher batcher() {
        return batcher;
    }

    boolean isClosing() {
        return closed.get();
    }

    /**
     * Stops cleanly: not ready at once, no new connection or request accepted, requests in flight finished (for at
     * most the stop timeout), then the batcher and the model are closed. Safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ready.set(false);
        long t0 = System.nanoTime();
        try {
            app.stop();
        } finally {
            batcher.close();
            predictor.close();
        }
        LOG.info("stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }
}
