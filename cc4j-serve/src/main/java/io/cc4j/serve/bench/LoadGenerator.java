package io.cc4j.serve.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop clients: each of {@code concurrency} threads posts one request (one image as the body, or several as
 * one multipart/form-data body), waits for the answer, and posts the next, until the time is up. Every loop is
 * bounded by its deadline, every request by a timeout, and the only address is the server's own (loopback).
 */
final class LoadGenerator {
    /**
     * One request's body.
     *
     * @param bytes the body
     * @param contentType its Content-Type
     * @param images the images in it
     */
    record Body(byte[] bytes, String contentType, int images) {
        /** @return one PNG image as the raw body */
        static Body png(byte[] png) {
            return new Body(png, "image/png", 1);
        }

        /** @return the PNG images as the parts of one multipart/form-data body */
        static Body multipart(List<byte[]> pngs) {
            String boundary = "cc4j-bench-" + Long.toHexString(Arrays.hashCode(pngs.get(0)) * 0x9E3779B97F4A7C15L);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < pngs.size(); i++) {
                out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\""
                        + "image-" + i + ".png\"\r\nContent-Type: image/png\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.writeBytes(pngs.get(i));
                out.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new Body(out.toByteArray(), "multipart/form-data; boundary=" + boundary, pngs.size());
        }
    }

    /** Called on the thread that runs the clients, when the timed window starts and when it ends. */
    interface Window {
        void start();

        void end();
    }
    /** What the clients saw in one run. */
    record Outcome(long[] latencyNanos, int errors, double seconds, double cpuSeconds) {
        int ok() {
            return latencyNanos.length;
        }

        /** @param q quantile in [0, 1] @return the latency at that quantile in milliseconds (nearest rank) */
        double quantileMillis(double q) {
            if (latencyNanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI assign;
    private final List<Body> bodies;
    private final String token;

    LoadGenerator(URI server, List<Body> bodies, String token) {
        this.assign = server.resolve("/v1/assign");
        this.bodies = List.copyOf(bodies);
        this.token = token;
    }

    /**
     * Runs the clients; requests that end within the timed window are counted.
     *
     * @param concurrency client threads
     * @param warmUp untimed time first
     * @param measured timed time
     */
    Outcome run(int concurrency, Duration warmUp, Duration measured) throws InterruptedException {
        return run(concurrency, warmUp, measured, null);
    }

    /**
     * As {@link #run(int, Duration, Duration)}, telling {@code window} when the timed window starts and ends.
     *
     * @param window told on this thread, or null
     */
    Outcome run(int concurrency, Duration warmUp, Duration measured, Window window) throws InterruptedException {
        long start = System.nanoTime();
        long from = start + warmUp.toNanos();
        long until = from + measured.toNanos();
        List<long[]> perThread = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            long[][] slot = {new long[1024]};
            int[] count = {0};
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < until) {
                    Body body = bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
                    long t0 = System.nanoTime();
                    boolean ok = post(body);
                    long t1 = System.nanoTime();
                    // Counted when it ends inside the timed window, as throughput is.
                    if (t1 < from || t1 > until) {
                        continue;
                    }
                    if (!ok) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (count[0] == slot[0].length) {
                        slot[0] = Arrays.copyOf(slot[0], 2 * count[0]);
                    }
                    slot[0][count[0]++] = t1 - t0;
                }
                synchronized (perThread) {
                    perThread.add(Arrays.copyOf(slot[0], count[0]));
                }
            }, "cc4j-bench-client-" + t);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        sleepUntil(from);
        if (window != null) {
            window.start();
        }
        long cpu0 = processCpuNanos();
        sleepUntil(until);
        long cpu1 = processCpuNanos();
        if (window != null) {
            window.end();
        }
        for (Thread thread : threads) {
            thread.join(warmUp.plus(measured).plusSeconds(120).toMillis());
        }
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).toArray();
        return new Outcome(all, errors.get(), measured.toNanos() / 1e9, (cpu1 - cpu0) / 1e9);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    /** CPU time of the whole process (every thread, Java or native). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private boolean post(Body body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(assign).timeout(Duration.ofSeconds(60))
                .header("Content-Type", body.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
