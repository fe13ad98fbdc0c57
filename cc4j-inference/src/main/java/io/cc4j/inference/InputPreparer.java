package io.cc4j.inference;

import io.cc4j.data.RawImage;
import io.cc4j.transform.EvalTransform;
import io.cc4j.transform.Workspace;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Applies the test transform to batches of images on the predictor's own pool of daemon threads, each with
 * its own scratch buffers. Tiny batches run on the caller's thread: a hop to the pool would cost more than the
 * resize.
 */
final class InputPreparer implements AutoCloseable {
    private static final int INLINE_BELOW = 4;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final EvalTransform transform;
    private final int workers;
    private final ExecutorService pool;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);
    /** Batches being prepared on the pool: closing fails them, since the pool drops the work still queued. */
    private final Set<CompletableFuture<float[]>> pending = ConcurrentHashMap.newKeySet();

    InputPreparer(int size, int workers) {
        this.transform = new EvalTransform(size);
        this.workers = workers;
        int id = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "cc4j-predict-" + id + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(workers, factory);
    }

    /** @return floats per prepared image */
    int length() {
        return transform.length();
    }

    /** Prepares the images now; the result holds them one after the other. */
    float[] prepare(List<RawImage> images) {
        return await(submit(images::get, images.size()));
    }

    /**
     * Starts preparing {@code count} images, image {@code i} given by {@code source}, and returns at once.
     *
     * @return the images one after the other, when done; fails with the first image's exception
     */
    CompletableFuture<float[]> submit(IntFunction<RawImage> source, int count) {
        return submit(source, count, null);
    }

    /**
     * As {@link #submit(IntFunction, int)}; when {@code failures} is not null, an image that cannot be read
     * ({@link io.cc4j.InvalidInputException}) leaves its slot zero and its message in {@code failures[i]} instead
     * of failing the batch.
     */
    CompletableFuture<float[]> submit(IntFunction<RawImage> source, int count, String[] failures) {
        int length = transform.length();
        float[] out = new float[Math.multiplyExact(count, length)];
        if (count < INLINE_BELOW) {
            try {
                for (int i = 0; i < count; i++) {
                    prepare(source, i, out, length, workspaces.get(), failures);
                }
                return CompletableFuture.completedFuture(out);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        int chunks = Math.min(count, workers * 4);
        CompletableFuture<?>[] parts = new CompletableFuture<?>[chunks];
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) count * c / chunks);
            int to = (int) ((long) count * (c + 1) / chunks);
            try {
                parts[c] = CompletableFuture.runAsync(() -> {
                    Workspace ws = workspaces.get();
                    for (int i = from; i < to; i++) {
                        prepare(source, i, out, length, ws, failures);
                    }
                }, pool);
            } catch (RejectedExecutionException e) {
                return CompletableFuture.failedFuture(closed());
            }
        }
        CompletableFuture<float[]> batch = CompletableFuture.allOf(parts).thenApply(v -> out);
        pending.add(batch);
        batch.whenComplete((v, e) -> pending.remove(batch));
        if (pool.isShutdown()) {
            batch.completeExceptionally(closed());
        }
        return batch;
    }

    private static IllegalStateException closed() {
        return new IllegalStateException("the predictor is closed");
    }

    private void prepare(IntFunction<RawImage> source, int i, float[] out, int length, Workspace ws,
            String[] failures) {
        try {
            transform.apply(source.apply(i), out, i * length, ws);
        } catch (io.cc4j.InvalidInputException e) {
            if (failures == null) {
                throw e;
            }
            failures[i] = e.getMessage();
        } finally {
            ws.trim();
        }
    }

    /** Waits for a prepared batch and rethrows its failure as it was thrown. */
    static float[] await(CompletableFuture<float[]> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing images", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException ce
                    && ce.getCause() != null ? ce.getCause() : e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("preparing images failed", cause);
        }
    }

    /**
     * Stops the worker threads, fails the batches still being prepared (their callers get an
     * {@link IllegalStateException} instead of waiting for work the pool dropped) and waits (10 s at most) for images
     * being read, so the dataset can be closed.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        for (CompletableFuture<float[]> batch : pending) {
            batch.completeExceptionally(closed());
        }
        try {
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
