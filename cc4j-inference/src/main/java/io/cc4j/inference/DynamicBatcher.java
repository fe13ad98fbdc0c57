package io.cc4j.inference;

import io.cc4j.InvalidInputException;
import io.cc4j.data.RawImage;
import io.cc4j.model.FeatureKind;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Merges the images of concurrent callers into shared forward passes of a {@link ClusterPredictor}, as DJL Serving
 * and Triton batch requests: a pass takes up to {@code maxBatch} images, and waits at most {@code maxDelay} for
 * images it knows are coming. A bounded queue refuses work beyond its capacity at once, so that a server can
 * answer "try later" instead of piling up requests.
 *
 * <pre>{@code
 * try (DynamicBatcher batcher = DynamicBatcher.builder(predictor).optMaxBatch(64).build()) {
 *     List<Prediction> answers = batcher.predict(images, null);   // from any number of threads
 * }
 * }</pre>
 *
 * <p><b>Answers.</b> Each image gets what {@link ClusterPredictor#predict(RawImage)} gives it alone, up to the
 * float rounding of the batch's arithmetic: libtorch may block a larger batch differently, which moves a
 * probability by a few units in the last place; the clusters are the same (measured by the tests).
 *
 * <p><b>When a pass starts.</b> Callers first {@link #reserve(int) reserve} room for their images, prepare them
 * (the test transform runs on the caller's thread, or on the predictor's pool for four or more images) and then
 * submit them. Once the batching thread is free and holds an image, it starts a pass as soon as it holds
 * {@code maxBatch} images, or when no more images are known to be coming, or after {@code maxDelay}. Images known to
 * be coming are those reserved and still being prepared, and as many as the last pass answered, less those reserved
 * since: callers under sustained load send their next request right after an answer, and waiting for them keeps the
 * passes whole (without it, closed-loop callers split into two groups whose half-size passes alternate). A lone
 * request on an idle batcher therefore runs at once, and so does a single caller's next request.
 *
 * <p><b>Queue.</b> Room is counted in images, from reservation until the image's pass starts. A reservation that
 * does not fit throws {@link QueueFullException}; one larger than the whole capacity is a usage error.
 *
 * <p><b>Threads.</b> All methods are safe for concurrent use. One daemon thread runs the passes; {@link #close()}
 * refuses new work, lets everything already submitted finish, then stops the thread. The predictor stays open.
 */
public final class DynamicBatcher implements AutoCloseable {
    private final ClusterPredictor predictor;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final int capacity;
    private final BatchListener listener;
    private final int imageLength;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Submitted requests in arrival order; a request leaves once all its images are in a pass. */
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    /** Images reserved or submitted whose pass has not started. */
    private int held;
    /** Images reserved but not submitted yet (being decoded or prepared). */
    private int preparing;
    /**
     * Images answered by the last pass whose callers have not reserved again yet: under sustained load they come
     * back within moments, and waiting for them keeps passes whole instead of splitting the callers into groups
     * that alternate.
     */
    private int expected;
    private boolean closed;
    private final Thread worker;

    /** Receives what the batcher does, for metrics. Called on the batching thread; keep it short. */
    public interface BatchListener {
        /**
         * A forward pass finished.
         *
         * @param images images in the pass
         * @param nanos wall time of the pass
         */
        default void passCompleted(int images, long nanos) {
        }
    }

    /** Thrown when a reservation does not fit in the queue; callers may retry later. */
    public static final class QueueFullException extends RejectedExecutionException {
        private static final long serialVersionUID = 1L;
        private final int requested;
        private final int capacity;

        QueueFullException(int requested, int held, int capacity) {
            super("the queue is full: " + requested + " image(s) asked for, " + held + " of " + capacity
                    + " places taken");
            this.requested = requested;
            this.capacity = capacity;
        }

        /** @return images the refused reservation asked for */
        public int requested() {
            return requested;
        }

        /** @return the queue's capacity in images */
        public int capacity() {
            return capacity;
        }
    }

    private DynamicBatcher(Builder b) {
        this.predictor = b.predictor;
        this.maxBatch = b.maxBatch;
        this.maxDelayNanos = b.maxDelay.toNanos();
        this.capacity = b.capacity;
        this.listener = b.listener;
        this.imageLength = predictor.inputs().length();
        this.worker = new Thread(this::runPasses, "cc4j-batcher");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * @param predictor the predictor whose forward passes are shared; it is not closed by the batcher
     * @return a builder
     */
    public static Builder builder(ClusterPredictor predictor) {
        return new Builder(predictor);
    }

    /** @return the most images in one forward pass */
    public int maxBatch() {
        return maxBatch;
    }

    /** @return the longest a pass waits for images it knows are coming */
    public Duration maxDelay() {
        return Duration.ofNanos(maxDelayNanos);
    }

    /** @return the queue's capacity in images */
    public int capacity() {
        return capacity;
    }

    /** @return images reserved or waiting whose forward pass has not started */
    public int queued() {
        lock.lock();
        try {
            return held;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Predicts images through shared forward passes and waits for the answers.
     *
     * @param images decoded images
     * @param features which features to return with each prediction, or null for none
     * @return one prediction per image, in order
     * @throws QueueFullException when the queue has no room for the images
     */
    public List<Prediction> predict(List<RawImage> images, FeatureKind features) {
        CompletableFuture<List<Prediction>> answers = submit(images, features);
        try {
            return answers.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for predictions", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("prediction failed", e.getCause());
        }
    }

    /**
     * Reserves room and submits images in one step.
     *
     * @param images decoded images
     * @param features which features to return, or null for none
     * @return the predictions, in order, when their passes are done
     * @throws QueueFullException when the queue has no room for the images
     */
    public CompletableFuture<List<Prediction>> submit(List<RawImage> images, FeatureKind features) {
        try (Reservation r = reserve(images.size())) {
            return r.submit(images, features);
        }
    }

    /**
     * Reserves room for images that are still to be decoded: the reservation fails fast when the queue is full, and
     * tells the batching thread that more images are coming, so that a pass waits for them (at most the delay).
     *
     * @param images how many images will be submitted
     * @return the reservation; close it (try-with-resources) to give the room back if nothing is submitted
     * @throws QueueFullException when the queue has no room for them
     * @throws InvalidInputException when more images are asked for than the queue can ever hold
     * @throws RejectedExecutionException when the batcher is closed
     */
    public Reservation reserve(int images) {
        if (images < 1 || images > capacity) {
            throw new InvalidInputException("a request must hold 1 to " + capacity + " images, got " + images);
        }
        lock.lock();
        try {
            if (closed) {
                throw new RejectedExecutionException("the batcher is closed");
            }
            if (held + images > capacity) {
                throw new QueueFullException(images, held, capacity);
            }
            held += images;
            preparing += images;
            expected = Math.max(0, expected - images);
            return new Reservation(images);
        } finally {
            lock.unlock();
        }
    }

    /** Room for a number of images in the queue; submit them once, or close it to give the room back. */
    public final class Reservation implements AutoCloseable {
        private final int images;
        private boolean done;

        private Reservation(int images) {
            this.images = images;
        }

        /**
         * Prepares the images (test transform) on this thread or the predictor's pool and queues them.
         *
         * @param list exactly as many decoded images as were reserved
         * @param features which features to return, or null for none
         * @return the predictions, in order, when their passes are done
         */
        public CompletableFuture<List<Prediction>> submit(List<RawImage> list, FeatureKind features) {
            if (done) {
                throw new IllegalStateException("this reservation was already used");
            }
            if (list.size() != images) {
                throw new IllegalArgumentException(images + " images were reserved, " + list.size() + " submitted");
            }
            float[] pixels;
            try {
                pixels = predictor.inputs().prepare(list);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            Job job = new Job(pixels, images, features);
            lock.lock();
            try {
                done = true;
                preparing -= images;
                queue.addLast(job);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            return job.result;
        }

        /** Gives the room back when nothing was submitted. */
        @Override
        public void close() {
            lock.lock();
            try {
                if (!done) {
                    done = true;
                    preparing -= images;
                    held -= images;
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** The images of one request, prepared, and what has become of them. */
    private static final class Job {
        final float[] pixels;
        final int n;
        final FeatureKind features;
        final Prediction[] answers;
        final CompletableFuture<List<Prediction>> result = new CompletableFuture<>();
        final long arrived = System.nanoTime();
        /** Images handed to passes so far. */
        int scheduled;
        /** Images answered so far (batching thread only). */
        int answered;

        Job(float[] pixels, int n, FeatureKind features) {
            this.pixels = pixels;
            this.n = n;
            this.features = features;
            this.answers = new Prediction[n];
        }
    }

    /** A run of consecutive images of one job within a pass. */
    private record Slice(Job job, int from, int count) {
    }

    private void runPasses() {
        while (true) {
            List<Slice> pass = nextPass();
            if (pass == null) {
                return;
            }
            run(pass);
        }
    }

    /** Waits for work, gathers one pass of images that share a feature kind; null once closed and drained. */
    private List<Slice> nextPass() {
        long free = System.nanoTime();
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closed && preparing == 0) {
                    return null;
                }
                changed.awaitUninterruptibly();
            }
            FeatureKind kind = queue.peekFirst().features;
            // The delay counts from when a pass could start: the batcher is free and holds an image.
            long deadline = Math.max(free, queue.peekFirst().arrived) + maxDelayNanos;
            // Wait while images are known to be coming (reserved and being prepared, or answered and about to
            // return) and the pass is not full yet.
            while (countReady(kind) < maxBatch && (preparing > 0 || expected > 0) && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            List<Slice> pass = new ArrayList<>();
            int taken = 0;
            for (Iterator<Job> it = queue.iterator(); it.hasNext() && taken < maxBatch; ) {
                Job job = it.next();
                if (job.features != kind) {
                    continue;
                }
                int count = Math.min(job.n - job.scheduled, maxBatch - taken);
                pass.add(new Slice(job, job.scheduled, count));
                job.scheduled += count;
                taken += count;
                if (job.scheduled == job.n) {
                    it.remove();
                }
            }
            held -= taken;
            return pass;
        } finally {
            lock.unlock();
        }
    }

    private int countReady(FeatureKind kind) {
        int n = 0;
        for (Job job : queue) {
            if (job.features == kind) {
                n += job.n - job.scheduled;
            }
        }
        return n;
    }

    private void run(List<Slice> pass) {
        int n = pass.stream().mapToInt(Slice::count).sum();
        float[] pixels;
        if (pass.size() == 1 && pass.get(0).from == 0 && pass.get(0).count == pass.get(0).job.n) {
            pixels = pass.get(0).job.pixels;
        } else {
            pixels = new float[n * imageLength];
            int at = 0;
            for (Slice s : pass) {
                System.arraycopy(s.job.pixels, s.from * imageLength, pixels, at, s.count * imageLength);
                at += s.count * imageLength;
            }
        }
        long start = System.nanoTime();
        ClusterPredictor.Batch batch;
        try {
            batch = predictor.forward(pixels, n, pass.get(0).job.features);
        } catch (RuntimeException | Error e) {
            for (Slice s : pass) {
                s.job.result.completeExceptionally(e);
            }
            return;
        }
        long nanos = System.nanoTime() - start;
        // Before the answers: whoever sees an answer also sees its pass counted, and a caller reserving again at
        // once is already counted as expected.
        try {
            listener.passCompleted(n, nanos);
        } catch (RuntimeException e) {
            // A faulty listener must not stop the batching thread.
        }
        lock.lock();
        try {
            expected = n;
        } finally {
            lock.unlock();
        }
        int i = 0;
        for (Slice s : pass) {
            for (int j = 0; j < s.count; j++) {
                s.job.answers[s.from + j] = batch.prediction(i++);
            }
            s.job.answered += s.count;
            if (s.job.answered == s.job.n && !s.job.result.isDone()) {
                s.job.result.complete(List.of(s.job.answers));
            }
        }
    }

    /**
     * Refuses new reservations, finishes every submitted and reserved image, then stops the batching thread. Waits
     * for it at most 60 s.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            worker.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Options of a batcher. */
    public static final class Builder {
        private final ClusterPredictor predictor;
        private int maxBatch = 64;
        private Duration maxDelay = Duration.ofMillis(5);
        private int capacity = 1024;
        private BatchListener listener = new BatchListener() { };

        private Builder(ClusterPredictor predictor) {
            this.predictor = Objects.requireNonNull(predictor, "predictor");
        }

        /**
         * @param maxBatch most images in one forward pass (default 64)
         * @return this builder
         */
        public Builder optMaxBatch(int maxBatch) {
            if (maxBatch < 1) {
                throw new InvalidInputException("the largest batch must be at least 1 image, got " + maxBatch);
            }
            this.maxBatch = maxBatch;
            return this;
        }

        /**
         * @param maxDelay longest a pass waits for images known to be coming (default 5 ms; zero never waits)
         * @return this builder
         */
        public Builder optMaxDelay(Duration maxDelay) {
            if (maxDelay.isNegative()) {
                throw new InvalidInputException("the batching delay cannot be negative, got " + maxDelay);
            }
            this.maxDelay = maxDelay;
            return this;
        }

        /**
         * @param capacity images the queue holds at most, waiting or being prepared (default 1024)
         * @return this builder
         */
        public Builder optQueueCapacity(int capacity) {
            if (capacity < 1) {
                throw new InvalidInputException("the queue must hold at least 1 image, got " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * @param listener receives each pass's size and time (for metrics)
         * @return this builder
         */
        public Builder optListener(BatchListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @return the batcher, its thread started */
        public DynamicBatcher build() {
            return new DynamicBatcher(this);
        }
    }
}
