package io.cc4j.augment;

import io.cc4j.InvalidInputException;
import io.cc4j.Seeds;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.RawImage;
import io.cc4j.transform.Resize;
import io.cc4j.transform.ToTensor;
import io.cc4j.transform.Workspace;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pair construction backbone (PCB) of Contrastive Clustering: turns a batch of dataset indices into two
 * independently augmented views of every image, on a fixed pool of daemon worker threads.
 *
 * <p>Built from an {@link AugmentConfig}, both views are CC's train transform. Built from a
 * {@link BoostAugmentConfig}, view a is TCL's weak view and view b its strong view (the pairs of the boost
 * stage); everything else, the test transform included, is the same.
 *
 * <p>Determinism: the views of the image at position {@code i} of a batch are drawn from generators
 * seeded by {@code (seed, i, view)} only ({@link #viewRandom}), so the output is the same for any number of
 * workers and any scheduling; the same seed gives identical views, another seed different ones.
 *
 * <p>{@link #submit} returns at once, so a trainer can prepare batch k+1 while the engine trains on batch
 * k. Work is split across the pool by image; each worker reuses its own scratch buffers.
 */
public final class PairBuilder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PairBuilder.class);
    /** Chunks per worker: enough to balance uneven image sizes, few enough to keep overhead low. */
    private static final int CHUNKS_PER_WORKER = 4;

    private final ImageDataset data;
    private final AugmentConfig config;
    private final int workers;
    private final ViewTransform viewA;
    private final ViewTransform viewB;
    private final Resize test;
    private final ExecutorService pool;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    /**
     * @param data images to augment; its {@link ImageDataset#image} must be thread-safe
     * @param config augmentations and output size
     * @param workers worker threads, at least 1
     * @throws InvalidInputException naming {@code workers} when below 1
     */
    public PairBuilder(ImageDataset data, AugmentConfig config, int workers) {
        this(data, config, new TrainTransform(Objects.requireNonNull(config, "config")), null, workers);
    }

    /**
     * Pairs of TCL's boost stage: view a is the weak view, view b the strong view.
     *
     * @param data images to augment; its {@link ImageDataset#image} must be thread-safe
     * @param config both views; {@link #config()} returns its weak part (whose size the test transform uses)
     * @param workers worker threads, at least 1
     * @throws InvalidInputException naming {@code workers} when below 1
     */
    public PairBuilder(ImageDataset data, BoostAugmentConfig config, int workers) {
        this(data, Objects.requireNonNull(config, "config").weak(), config.weakTransform(), config.strongTransform(),
                workers);
    }

    /** @param viewB the transform of view b, or null for the same as view a */
    private PairBuilder(ImageDataset data, AugmentConfig config, ViewTransform viewA, ViewTransform viewB,
            int workers) {
        this.data = Objects.requireNonNull(data, "data");
        this.config = config;
        if (workers < 1) {
            throw new InvalidInputException("augmentation workers " + workers + " must be at least 1");
        }
        this.workers = workers;
        this.viewA = viewA;
        this.viewB = viewB != null ? viewB : viewA;
        this.test = new Resize(config.size());
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "cc4j-augment-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(workers, factory);
        LOG.debug("pair builder: {} workers, {}", workers, config);
    }

    /** The augmentation configuration (of the weak view, for boost pairs). */
    public AugmentConfig config() {
        return config;
    }

    /** Worker threads in the pool. */
    public int workers() {
        return workers;
    }

    /**
     * The generator of one view: a function of {@code (seed, position, view)} only.
     *
     * @param seed the batch seed
     * @param position position of the image in the batch
     * @param view 0 for view a, 1 for view b
     * @return a fresh generator
     */
    public static SplittableRandom viewRandom(long seed, int position, int view) {
        long key = Seeds.mix(Seeds.mix(seed) + Seeds.GOLDEN_GAMMA * (2L * position + view + 1));
        return new SplittableRandom(key);
    }

    /**
     * Makes the two views of each image and waits for them.
     *
     * @param indices dataset indices of the batch
     * @param seed seed of every random choice of the batch
     * @return the views, view a block then view b block
     * @throws InvalidInputException naming an index out of range or an image with unsupported channels
     */
    public ViewBatch build(int[] indices, long seed) {
        return await(submit(indices, seed));
    }

    /**
     * Starts making the two views of each image on the pool and returns at once.
     *
     * @param indices dataset indices of the batch (copied)
     * @param seed seed of every random choice of the batch
     * @return the views when done; fails with the exception of the first failing image
     * @throws InvalidInputException naming an index out of range
     */
    public Future<ViewBatch> submit(int[] indices, long seed) {
        return submit(indices, seed, false);
    }

    /**
     * As {@link #submit(int[], long)}, but an image that cannot be read ({@link InvalidInputException}: damaged,
     * truncated, too large, gone) is left out of the views instead of failing the batch, and reported in
     * {@link ViewBatch#skipped()}. The other images keep exactly the views they would have had (a view's random
     * choices depend on its position in the requested batch), so the result is the same for any scheduling.
     *
     * @param indices dataset indices of the batch (copied)
     * @param seed seed of every random choice of the batch
     * @return the views of the readable images, in order
     */
    public Future<ViewBatch> submitSkippingUnreadable(int[] indices, long seed) {
        return submit(indices, seed, true);
    }

    private Future<ViewBatch> submit(int[] indices, long seed, boolean skipUnreadable) {
        int[] idx = checkIndices(indices);
        int n = idx.length;
        int view = 3 * config.size() * config.size();
        float[] out = new float[Math.multiplyExact(2 * n, view)];
        String[] failures = skipUnreadable ? new String[n] : null;
        return forEachChunk(n, (from, to) -> {
            Workspace ws = workspaces.get();
            try {
                for (int i = from; i < to; i++) {
                    RawImage img;
                    try {
                        img = image(idx[i]);
                    } catch (InvalidInputException e) {
                        if (failures == null) {
                            throw e;
                        }
                        failures[i] = e.getMessage();
                        continue;
                    }
                    float[] src = ws.source(img.pixels().length);
                    ToTensor.apply(img, src);
                    viewA.apply(src, img.channels(), img.height(), img.width(), out, i * view,
                            viewRandom(seed, i, 0), ws);
                    viewB.apply(src, img.channels(), img.height(), img.width(), out, (n + i) * view,
                            viewRandom(seed, i, 1), ws);
                    ws.trim();
                }
            } finally {
                ws.trim();
            }
        }).thenApply(v -> failures == null ? new ViewBatch(n, 3, config.size(), out)
                : leaveOut(idx, failures, out, view));
    }

    /** The views of the images that were read, in order; the others listed as skipped. */
    private ViewBatch leaveOut(int[] idx, String[] failures, float[] out, int view) {
        int n = idx.length;
        java.util.List<ViewBatch.Skipped> skipped = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (failures[i] != null) {
                skipped.add(new ViewBatch.Skipped(idx[i], data.id(idx[i]), failures[i]));
            }
        }
        if (skipped.isEmpty()) {
            return new ViewBatch(n, 3, config.size(), out);
        }
        int kept = n - skipped.size();
        float[] compact = new float[2 * kept * view];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (failures[i] == null) {
                System.arraycopy(out, i * view, compact, k * view, view);
                System.arraycopy(out, (n + i) * view, compact, (kept + k) * view, view);
                k++;
            }
        }
        return new ViewBatch(kept, 3, config.size(), compact, skipped);
    }

    /**
     * Applies the test transform (resize to {@code size x size}, three channels) to each image.
     *
     * @param indices dataset indices
     * @return {@code N x 3 x size x size} floats in [0,1]
     * @throws InvalidInputException naming an index out of range or an image with unsupported channels
     */
    public float[] testBatch(int[] indices) {
        return await(submitTest(indices));
    }

    /**
     * Starts the test transform of each image on the pool and returns at once, so the next batch is resized
     * while the engine assigns the current one.
     *
     * @param indices dataset indices (copied)
     * @return {@code N x 3 x size x size} floats in [0,1] when done
     * @throws InvalidInputException naming an index out of range
     */
    public Future<float[]> submitTest(int[] indices) {
        int[] idx = checkIndices(indices);
        int size = config.size();
        int view = 3 * size * size;
        float[] out = new float[idx.length * view];
        return forEachChunk(idx.length, (from, to) -> {
            Workspace ws = workspaces.get();
            for (int i = from; i < to; i++) {
                RawImage img = image(idx[i]);
                float[] src = ws.source(img.pixels().length);
                ToTensor.apply(img, src);
                test.apply(src, img.channels(), img.height(), img.width(), out, i * view, ws);
                if (img.channels() == 1) {
                    ToTensor.replicateToRgb(out, i * view, size * size);
                }
                ws.trim();
            }
        }).thenApply(v -> out);
    }

    /**
     * Test-transformed images of a batch, the unreadable ones left out.
     *
     * @param n images kept
     * @param pixels their {@code n x 3 x size x size} floats in [0,1], in the batch's order
     * @param skipped the images that could not be read
     */
    public record TestBatch(int n, float[] pixels, java.util.List<ViewBatch.Skipped> skipped) {
    }

    /**
     * As {@link #submitTest}, but an image that cannot be read ({@link InvalidInputException}) is left out instead
     * of failing the batch, and reported in {@link TestBatch#skipped()}; the others are exactly what
     * {@link #submitTest} gives.
     *
     * @param indices dataset indices (copied)
     * @return the kept images when done
     */
    public Future<TestBatch> submitTestSkippingUnreadable(int[] indices) {
        int[] idx = checkIndices(indices);
        int size = config.size();
        int view = 3 * size * size;
        float[] out = new float[idx.length * view];
        String[] failures = new String[idx.length];
        return forEachChunk(idx.length, (from, to) -> {
            Workspace ws = workspaces.get();
            for (int i = from; i < to; i++) {
                RawImage img;
                try {
                    img = image(idx[i]);
                } catch (InvalidInputException e) {
                    failures[i] = e.getMessage();
                    continue;
                }
                float[] src = ws.source(img.pixels().length);
                ToTensor.apply(img, src);
                test.apply(src, img.channels(), img.height(), img.width(), out, i * view, ws);
                if (img.channels() == 1) {
                    ToTensor.replicateToRgb(out, i * view, size * size);
                }
                ws.trim();
            }
        }).thenApply(v -> {
            java.util.List<ViewBatch.Skipped> skipped = new java.util.ArrayList<>();
            for (int i = 0; i < idx.length; i++) {
                if (failures[i] != null) {
                    skipped.add(new ViewBatch.Skipped(idx[i], data.id(idx[i]), failures[i]));
                }
            }
            if (skipped.isEmpty()) {
                return new TestBatch(idx.length, out, skipped);
            }
            int kept = idx.length - skipped.size();
            float[] compact = new float[kept * view];
            int k = 0;
            for (int i = 0; i < idx.length; i++) {
                if (failures[i] == null) {
                    System.arraycopy(out, i * view, compact, k++ * view, view);
                }
            }
            return new TestBatch(kept, compact, skipped);
        });
    }

    /**
     * Stops the worker threads; pending batches are abandoned. Waits (a few seconds at most) for images being read
     * to finish, so that the dataset can be closed after this returns.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        awaitQuietly(pool);
    }

    /** Waits up to 10 s for a pool's threads to end; keeps the caller's interrupt status. */
    static void awaitQuietly(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.warn("augmentation workers still busy 10 s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Range {
        void run(int from, int to);
    }

    private CompletableFuture<Void> forEachChunk(int n, Range body) {
        int chunks = Math.max(1, Math.min(n, workers * CHUNKS_PER_WORKER));
        CompletableFuture<?>[] parts = new CompletableFuture<?>[chunks];
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            parts[c] = CompletableFuture.runAsync(() -> body.run(from, to), pool);
        }
        return CompletableFuture.allOf(parts);
    }

    private RawImage image(int index) {
        RawImage img = data.image(index);
        if (img.channels() != 1 && img.channels() != 3) {
            throw new InvalidInputException("image " + data.id(index) + " has " + img.channels()
                    + " channels; only 1 (grayscale) or 3 (RGB) are supported");
        }
        return img;
    }

    private int[] checkIndices(int[] indices) {
        int size = data.size();
        for (int i : indices) {
            if (i < 0 || i >= size) {
                throw new InvalidInputException("image index " + i + " is out of range 0.." + (size - 1));
            }
        }
        return indices.clone();
    }

    /**
     * Waits for work submitted to a pool (views, test batches) and rethrows its failure as it was thrown, so a
     * bad image's {@link InvalidInputException} reaches the caller unchanged.
     *
     * @param future the pending result
     * @param <T> result type
     * @return the result
     */
    public static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building views", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ce && ce.getCause() != null
                    ? ce.getCause() : e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("building views failed", cause);
        }
    }
}
