package io.cc4j.serve;

import io.cc4j.engine.ResidentMemory;
import io.cc4j.inference.DynamicBatcher;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;

/**
 * What the server counts, exposed in the Prometheus text format by the Prometheus Java client: requests by
 * endpoint and status, request latency, forward-pass sizes and times, queue depth, images assigned, and the
 * process's resident memory. Each server has its own registry, so several servers in one JVM (tests) do not mix.
 */
final class ServerMetrics implements DynamicBatcher.BatchListener {
    /** Latency buckets from 1 ms to about 16 s. */
    private static final double[] SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter requests;
    private final Histogram latency;
    private final Histogram batchSize;
    private final Histogram passSeconds;
    private final Counter imagesAssigned;
    /** Forward passes by their exact number of images (index 0 unused), for the benchmark's in-process replay. */
    private final AtomicLongArray passSizes;

    ServerMetrics(int maxBatch, IntSupplier queueDepth) {
        passSizes = new AtomicLongArray(maxBatch + 1);
        requests = Counter.builder().name("cc4j_http_requests_total")
                .help("HTTP requests answered, by endpoint and status code").labelNames("endpoint", "status")
                .register(registry);
        latency = Histogram.builder().name("cc4j_http_request_duration_seconds")
                .help("Time from the request's arrival to its answer, by endpoint").labelNames("endpoint")
                .classicOnly().classicUpperBounds(SECONDS).register(registry);
        batchSize = Histogram.builder().name("cc4j_batch_size_images")
                .help("Images in each forward pass of the dynamic batcher").classicOnly()
                .classicUpperBounds(sizeBuckets(maxBatch)).register(registry);
        passSeconds = Histogram.builder().name("cc4j_forward_pass_duration_seconds")
                .help("Wall time of each forward pass").classicOnly().classicUpperBounds(SECONDS).register(registry);
        imagesAssigned = Counter.builder().name("cc4j_images_assigned_total")
                .help("Images assigned to a cluster").register(registry);
        GaugeWithCallback.builder().name("cc4j_queue_depth_images")
                .help("Images reserved or waiting for a forward pass").callback(cb -> cb.call(queueDepth.getAsInt()))
                .register(registry);
        GaugeWithCallback.builder().name("cc4j_process_resident_memory_bytes")
                .help("Resident set size of the server process (VmRSS)")
                .callback(cb -> cb.call(ResidentMemory.currentBytes())).register(registry);
    }

    private static double[] sizeBuckets(int maxBatch) {
        // 1, 2, 4, ... up to the largest batch.
        int n = 1;
        while ((1 << (n - 1)) < maxBatch) {
            n++;
        }
        double[] bounds = new double[n];
        for (int i = 0; i < n; i++) {
            bounds[i] = Math.min(maxBatch, 1 << i);
        }
        return bounds;
    }

    /** Counts one answered request. */
    void request(String endpoint, int status, long nanos) {
        requests.labelValues(endpoint, Integer.toString(status)).inc();
        latency.labelValues(endpoint).observe(nanos / 1e9);
    }

    /** Counts images given a cluster. */
    void assigned(int images) {
        imagesAssigned.inc(images);
    }

    @Override
    public void passCompleted(int images, long nanos) {
        batchSize.observe(images);
        if (images < passSizes.length()) {
            passSizes.incrementAndGet(images);
        }
        passSeconds.observe(nanos / 1e9);
    }

    /** @return the number of passes and the images in them, for the benchmark's mean batch size */
    double[] passTotals() {
        var snapshot = batchSize.collect().getDataPoints().get(0);
        return new double[] {snapshot.getCount(), snapshot.getSum()};
    }

    /** @return forward passes so far by their number of images: element n counts the passes of n images */
    long[] passSizes() {
        long[] out = new long[passSizes.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = passSizes.get(i);
        }
        return out;
    }

    /** @return the content type of {@link #scrape()} */
    String contentType() {
        return writer.getContentType();
    }

    /** @return every metric in the Prometheus text format */
    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
