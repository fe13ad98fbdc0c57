package io.cc4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.RawImage;
import io.cc4j.model.FeatureKind;
import io.cc4j.testing.FormatOneRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamicBatcherTest {
    /** Batches may round differently from single images by a few ulps; answers must agree to this. */
    private static final double TOLERANCE = 1e-6;

    @TempDir
    static Path tmp;
    static ClusterPredictor predictor;
    static ImageDataset data;
    static List<Prediction> alone;

    @BeforeAll
    static void fixture() {
        predictor = ClusterPredictor.load(FormatOneRun.copyTo(tmp.resolve("run")));
        data = DatasetSpec.open(FormatOneRun.data(tmp.resolve("data")));
        alone = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            alone.add(predictor.predict(data.image(i)));
        }
    }

    @AfterAll
    static void close() {
        predictor.close();
    }

    @Test
    void concurrentCallersShareForwardPassesAndGetTheAnswersOfOneImageAtATime() throws Exception {
        List<Integer> passSizes = Collections.synchronizedList(new ArrayList<>());
        DynamicBatcher.BatchListener sizes = new DynamicBatcher.BatchListener() {
            @Override
            public void passCompleted(int images, long nanos) {
                passSizes.add(images);
            }
        };
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try (DynamicBatcher batcher = DynamicBatcher.builder(predictor).optMaxBatch(16)
                .optMaxDelay(Duration.ofMillis(20)).optListener(sizes).build()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Prediction>>> answers = new ArrayList<>();
            List<int[]> asked = new ArrayList<>();
            for (int r = 0; r < 96; r++) {
                // 1 to 3 images per request, overlapping, in an order unlike the data's.
                int first = (r * 7) % data.size();
                int count = 1 + r % 3;
                int[] indices = new int[count];
                for (int j = 0; j < count; j++) {
                    indices[j] = (first + j) % data.size();
                }
                asked.add(indices);
                answers.add(callers.submit(() -> {
                    start.await();
                    List<RawImage> images = new ArrayList<>();
                    for (int i : indices) {
                        images.add(data.image(i));
                    }
                    return batcher.predict(images, null);
                }));
            }
            start.countDown();
            Drift drift = new Drift();
            for (int r = 0; r < answers.size(); r++) {
                List<Prediction> got = answers.get(r).get(60, TimeUnit.SECONDS);
                assertThat(got).hasSize(asked.get(r).length);
                for (int j = 0; j < got.size(); j++) {
                    drift.compare(got.get(j), alone.get(asked.get(r)[j]), "request " + r + " image " + j);
                }
            }
            System.out.printf("DynamicBatcherTest: %d passes, sizes %s; %s%n", passSizes.size(), passSizes, drift);
            assertThat(passSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(
                    asked.stream().mapToInt(a -> a.length).sum());
            assertThat(passSizes).allSatisfy(n -> assertThat(n).isBetween(1, 16));
            assertThat(passSizes.size()).as("requests were merged into fewer passes").isLessThan(answers.size());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aFullBatchOfSixtyFourAgreesWithSixtyFourSingleImages() {
        try (DynamicBatcher batcher = DynamicBatcher.builder(predictor).optMaxBatch(64).build()) {
            List<RawImage> images = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                images.add(data.image(i));
            }
            List<Prediction> got = batcher.predict(images, FeatureKind.INSTANCE);
            Drift drift = new Drift();
            for (int i = 0; i < images.size(); i++) {
                drift.compare(got.get(i), alone.get(i), "image " + i);
                float[] single = predictor.batchPredict(List.of(images.get(i)), FeatureKind.INSTANCE).get(0).features();
                float[] batched = got.get(i).features();
                assertThat(batched).hasSameSizeAs(single);
                for (int j = 0; j < single.length; j++) {
                    assertThat((double) batched[j]).as("feature %d of image %d", j, i)
                            .isCloseTo(single[j], org.assertj.core.data.Offset.offset(TOLERANCE));
                }
            }
            System.out.printf("DynamicBatcherTest: batch of %d vs one by one: %s%n", images.size(), drift);
        }
    }

    @Test
    void aRequestLargerThanTheBatchIsSplitAndAnsweredInOrder() {
        List<Integer> passSizes = Collections.synchronizedList(new ArrayList<>());
        DynamicBatcher.BatchListener sizes = new DynamicBatcher.BatchListener() {
            @Override
            public void passCompleted(int images, long nanos) {
                passSizes.add(images);
            }
        };
        try (DynamicBatcher batcher = DynamicBatcher.builder(predictor).optMaxBatch(5).optListener(sizes).build()) {
            List<RawImage> images = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                images.add(data.image(i));
            }
            List<Prediction> got = batcher.predict(images, null);
            for (int i = 0; i < 12; i++) {
                assertThat(got.get(i).cluster()).as("cluster of image %d", i).isEqualTo(alone.get(i).cluster());
            }
            assertThat(passSizes).containsExactly(5, 5, 2);
        }
    }

    @Test
    void theQueueRefusesWhatDoesNotFitAndTakesItBackWhenARreservationIsClosed() {
        try (DynamicBatcher batcher = DynamicBatcher.builder(predictor).optQueueCapacity(4).build()) {
            DynamicBatcher.Reservation three = batcher.reserve(3);
            assertThat(batcher.queued()).isEqualTo(3);
            assertThatThrownBy(() -> batcher.reserve(2)).isInstanceOf(DynamicBatcher.QueueFullException.class)
                    .hasMessageContaining("queue is full");
            three.close();
            assertThat(batcher.queued()).isZero();
            try (DynamicBatcher.Reservation four = batcher.reserve(4)) {
                assertThat(batcher.queued()).isEqualTo(4);
            }
            assertThatThrownBy(() -> batcher.reserve(5)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("1 to 4 images");
        }
    }

    @Test
    void aLoneRequestRunsAtOnceButAPassWaitsForImagesBeingPrepared() throws Exception {
        try (DynamicBatcher batcher = DynamicBatcher.builder(predictor).optMaxDelay(Duration.ofSeconds(30)).build()) {
            long t0 = System.nanoTime();
            batcher.predict(List.of(data.image(0)), null);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("nothing else was coming")
                    .isLessThan(Duration.ofSeconds(5));
        }
        try (DynamicBatcher batcher = DynamicBatcher.builder(predictor).optMaxDelay(Duration.ofMillis(400)).build()) {
            DynamicBatcher.Reservation coming = batcher.reserve(1);
            long t0 = System.nanoTime();
            CompletableFuture<List<Prediction>> first = batcher.submit(List.of(data.image(1)), null);
            Thread.sleep(150);
            assertThat(first).as("waits for the reserved image").isNotDone();
            first.get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("but at most the delay (plus the pass)")
                    .isBetween(Duration.ofMillis(390), Duration.ofSeconds(5));
            coming.close();
        }
    }

    @Test
    void callersJustAnsweredAreAwaitedSoThatPassesStayWhole() throws Exception {
        List<Integer> passSizes = Collections.synchronizedList(new ArrayList<>());
        DynamicBatcher.BatchListener sizes = new DynamicBatcher.BatchListener() {
            @Override
            public void passCompleted(int images, long nanos) {
                passSizes.add(images);
            }
        };
        try (DynamicBatcher batcher = DynamicBatcher.builder(predictor).optMaxDelay(Duration.ofMillis(400))
                .optListener(sizes).build()) {
            // One caller alone: its next request is the one it was waiting for, and runs at once.
            batcher.predict(List.of(data.image(0)), null);
            long t0 = System.nanoTime();
            batcher.predict(List.of(data.image(1)), null);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(300));
            // A pass answered two images: when one comes back, the pass waits for the other.
            batcher.predict(List.of(data.image(2), data.image(3)), null);
            CompletableFuture<List<Prediction>> first = batcher.submit(List.of(data.image(4)), null);
            Thread.sleep(150);
            assertThat(first).as("waits for the other caller just answered").isNotDone();
            CompletableFuture<List<Prediction>> second = batcher.submit(List.of(data.image(5)), null);
            assertThat(first.get(10, TimeUnit.SECONDS).get(0).cluster()).isEqualTo(alone.get(4).cluster());
            assertThat(second.get(10, TimeUnit.SECONDS).get(0).cluster()).isEqualTo(alone.get(5).cluster());
            assertThat(passSizes).containsExactly(1, 1, 2, 2);
        }
    }

    @Test
    void closingFinishesSubmittedWorkAndRefusesMore() throws Exception {
        DynamicBatcher batcher = DynamicBatcher.builder(predictor).optMaxDelay(Duration.ofSeconds(1)).build();
        DynamicBatcher.Reservation late = batcher.reserve(1);
        CompletableFuture<List<Prediction>> early = batcher.submit(List.of(data.image(2)), null);
        Thread closer = new Thread(batcher::close);
        closer.start();
        // The reserved image is submitted after close began: it is still answered.
        Thread.sleep(50);
        CompletableFuture<List<Prediction>> lateAnswer = late.submit(List.of(data.image(3)), null);
        closer.join(30_000);
        assertThat(closer.isAlive()).isFalse();
        assertThat(early.get(1, TimeUnit.SECONDS).get(0).cluster()).isEqualTo(alone.get(2).cluster());
        assertThat(lateAnswer.get(1, TimeUnit.SECONDS).get(0).cluster()).isEqualTo(alone.get(3).cluster());
        assertThatThrownBy(() -> batcher.reserve(1)).isInstanceOf(RejectedExecutionException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void requestsForDifferentFeaturesAreNotMixedUp() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (DynamicBatcher batcher = DynamicBatcher.builder(predictor).optMaxDelay(Duration.ofMillis(20)).build()) {
            List<Future<Prediction>> answers = new ArrayList<>();
            FeatureKind[] kinds = {null, FeatureKind.INSTANCE, FeatureKind.BACKBONE};
            for (int r = 0; r < 24; r++) {
                FeatureKind kind = kinds[r % 3];
                int index = r;
                answers.add(callers.submit(() -> batcher.predict(List.of(data.image(index)), kind).get(0)));
            }
            for (int r = 0; r < 24; r++) {
                Prediction p = answers.get(r).get(60, TimeUnit.SECONDS);
                FeatureKind kind = kinds[r % 3];
                float[] expected = predictor.batchPredict(List.of(data.image(r)), kind).get(0).features();
                if (kind == null) {
                    assertThat(p.features()).isNull();
                } else {
                    float[] got = p.features();
                    assertThat(got).as("%s features of image %d", kind, r).hasSameSizeAs(expected);
                    for (int j = 0; j < got.length; j++) {
                        assertThat((double) got[j]).isCloseTo(expected[j], org.assertj.core.data.Offset.offset(TOLERANCE));
                    }
                }
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /** The largest difference between batched and single answers, in absolute terms and in ulps. */
    private static final class Drift {
        double maxAbs;
        long maxUlps;
        int compared;

        void compare(Prediction batched, Prediction single, String what) {
            assertThat(batched.cluster()).as("cluster of %s", what).isEqualTo(single.cluster());
            float[] b = batched.probabilities();
            float[] s = single.probabilities();
            assertThat(b).hasSameSizeAs(s);
            for (int k = 0; k < s.length; k++) {
                double diff = Math.abs((double) b[k] - s[k]);
                assertThat(diff).as("p%d of %s (%s vs %s)", k, what, b[k], s[k]).isLessThanOrEqualTo(TOLERANCE);
                maxAbs = Math.max(maxAbs, diff);
                maxUlps = Math.max(maxUlps, Math.abs((long) Float.floatToIntBits(b[k]) - Float.floatToIntBits(s[k])));
            }
            compared++;
        }

        @Override
        public String toString() {
            return String.format("%d answers, largest probability difference %.3g (%d ulp)", compared, maxAbs, maxUlps);
        }
    }
}
