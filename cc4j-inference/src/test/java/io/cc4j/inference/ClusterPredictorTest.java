package io.cc4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageFolderDataset;
import io.cc4j.data.RawImage;
import io.cc4j.engine.EngineSupport;
import io.cc4j.model.FeatureKind;
import io.cc4j.run.RunLayout;
import io.cc4j.testing.FormatOneRun;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterPredictorTest {
    @TempDir
    static Path tmp;
    static Path run;
    static ImageDataset data;

    @BeforeAll
    static void fixture() {
        run = FormatOneRun.copyTo(tmp.resolve("run"));
        data = DatasetSpec.open(FormatOneRun.data(tmp.resolve("data")));
    }

    /**
     * Closing while other threads predict: the pass in flight finishes before the network is freed (freeing it under
     * a running pass crashed libtorch), and every later call fails with IllegalStateException instead of waiting for
     * dropped work or touching freed memory. Closed at several moments: preparing, in the pass, between passes.
     */
    @Test
    void closingWhileOthersPredictWaitsForThePassAndRefusesTheRest() throws Exception {
        List<RawImage> batch = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            batch.add(data.image(i % data.size()));
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int attempt = 0; attempt < 8; attempt++) {
            ClusterPredictor p = ClusterPredictor.builder().setRunDirectory(run).optBatchSize(64).optWorkers(2)
                    .build();
            java.util.concurrent.atomic.AtomicReference<Throwable> ended = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicInteger passes = new java.util.concurrent.atomic.AtomicInteger();
            Thread[] callers = new Thread[2];
            for (int t = 0; t < callers.length; t++) {
                callers[t] = new Thread(() -> {
                    try {
                        while (true) {
                            assertThat(p.batchPredict(batch)).hasSize(64);
                            passes.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        ended.compareAndSet(null, e);
                    }
                });
                callers[t].start();
            }
            Thread.sleep(random.nextInt(5, 60));
            p.close();
            for (Thread t : callers) {
                t.join(30_000);
                assertThat(t.isAlive()).as("a caller still waits after close").isFalse();
            }
            assertThat(ended.get()).as("attempt %d, after %d passes", attempt, passes.get())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThatThrownBy(() -> p.predict(batch.get(0))).isInstanceOf(IllegalStateException.class);
            p.close(); // a second close does nothing
        }
    }

    @Test
    void aCheckpointOfFormatOneStillLoadsAndAssignsAsItDidWhenWritten() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(run.resolve("expected-assignments.json").toFile());
        try (ClusterPredictor p = ClusterPredictor.load(run)) {
            assertThat(p.header().orElseThrow().format()).isEqualTo(1);
            assertThat(p.spec().clusters()).isEqualTo(4);
            Assignments a = p.predict(data);
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.clusters()[i]).as("cluster of image %d", i).isEqualTo(expected.get("clusters").get(i).asInt());
                assertThat((double) a.confidence()[i]).as("confidence of image %d", i)
                        .isCloseTo(expected.get("confidence").get(i).asDouble(), org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @Test
    void manyConcurrentCallersGetExactlyTheAnswersOfOneCallerAtATime() throws Exception {
        try (ClusterPredictor p = ClusterPredictor.load(run)) {
            List<Prediction> sequential = new ArrayList<>();
            for (int i = 0; i < data.size(); i++) {
                sequential.add(p.predict(data.image(i)));
            }
            ExecutorService callers = Executors.newFixedThreadPool(16);
            try {
                List<Future<Prediction>> answers = new ArrayList<>();
                for (int round = 0; round < 4; round++) {
                    for (int i = 0; i < data.size(); i++) {
                        int index = i;
                        answers.add(callers.submit(() -> p.predict(data.image(index))));
                    }
                }
                for (int j = 0; j < answers.size(); j++) {
                    assertThat(answers.get(j).get()).as("answer %d", j).isEqualTo(sequential.get(j % data.size()));
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void loadingChangesNothingInAHostProgramThatAlreadyUsesDjl() {
        Engine engine = EngineSupport.engine();
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        Properties before = (Properties) System.getProperties().clone();
        boolean gradMode = JniUtils.isGradMode();
        try (NDManager host = engine.newBaseManager()) {
            engine.setRandomSeed(1234);
            float first = host.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(1)).getFloat();
            engine.setRandomSeed(1234);
            try (ClusterPredictor p = ClusterPredictor.load(run)) {
                p.predict(data.image(0));
            }
            float second = host.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(1)).getFloat();
            assertThat(second).as("libtorch's random stream, untouched by loading").isEqualTo(first);
            assertThat(JniUtils.getNumThreads()).as("intra-op threads").isEqualTo(1);
            assertThat(JniUtils.isGradMode()).isEqualTo(gradMode);
            assertThat(System.getProperties()).isEqualTo(before);
            assertThat(host.create(new float[] {3, 4}).norm().getFloat()).isEqualTo(5f);
        } finally {
            JniUtils.setNumThreads(threads);
        }
    }

    @Test
    void theSameImageFromAFolderABufferedImageAndBytesGivesIdenticalAnswers() throws IOException {
        Path folder = tmp.resolve("png");
        Files.createDirectories(folder.resolve("all"));
        List<byte[]> encoded = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RawImage img = data.image(i);
            BufferedImage grey = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_BYTE_GRAY);
            grey.getRaster().setDataElements(0, 0, img.width(), img.height(), img.pixels());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(grey, "png", bytes);
            encoded.add(bytes.toByteArray());
            Files.write(folder.resolve("all").resolve(String.format("%02d.png", i)), bytes.toByteArray());
        }
        ImageFolderDataset files = ImageFolderDataset.open(folder);
        try (ClusterPredictor p = ClusterPredictor.load(run)) {
            for (int i = 0; i < 8; i++) {
                Prediction fromIdx = p.predict(data.image(i));
                Prediction fromFolder = p.predict(files.image(i));
                Prediction fromBytes = p.predict(encoded.get(i));
                Prediction fromImage = p.predict(ImageIO.read(new java.io.ByteArrayInputStream(encoded.get(i))));
                assertThat(fromFolder).as("folder, image %d", i).isEqualTo(fromIdx);
                assertThat(fromBytes).as("bytes, image %d", i).isEqualTo(fromIdx);
                assertThat(fromImage).as("BufferedImage (grey stays grey), image %d", i).isEqualTo(fromIdx);
            }
        }
    }

    @Test
    void bothMemoryLayoutsGiveTheSameAnswersAndTheDefaultIsTheMeasuredOne() {
        int[] all = new int[data.size()];
        java.util.Arrays.setAll(all, i -> i);
        try (ClusterPredictor byDefault = ClusterPredictor.load(run);
                ClusterPredictor first = ClusterPredictor.builder().setRunDirectory(run).optChannelsLast(false).build();
                ClusterPredictor last = ClusterPredictor.builder().setRunDirectory(run).optChannelsLast(true).build()) {
            assertThat(byDefault.channelsLast())
                    .isEqualTo(io.cc4j.model.MemoryLayouts.inferenceChannelsLast(byDefault.spec()));
            assertThat(first.channelsLast()).isFalse();
            assertThat(last.channelsLast()).isTrue();
            Assignments a = first.predict(data, all, true, FeatureKind.INSTANCE, null);
            Assignments b = last.predict(data, all, true, FeatureKind.INSTANCE, null);
            assertThat(b.clusters()).isEqualTo(a.clusters());
            for (int i = 0; i < a.probabilities().length; i++) {
                assertThat(b.probabilities()[i]).as("probability %d", i)
                        .isCloseTo(a.probabilities()[i], org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void batchesListsAndFeaturesAgreeWithSingleImages() {
        try (ClusterPredictor p = ClusterPredictor.builder().setRunDirectory(run).optBatchSize(5).build()) {
            List<RawImage> images = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                images.add(data.image(i));
            }
            List<Prediction> batch = p.batchPredict(images, FeatureKind.INSTANCE);
            Assignments all = p.predict(data, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, true,
                    FeatureKind.INSTANCE, null);
            for (int i = 0; i < 12; i++) {
                Prediction one = batch.get(i);
                assertThat(one.cluster()).isEqualTo(all.clusters()[i]);
                assertThat(one.probabilities()).hasSize(4);
                assertThat(one.features()).hasSize(128);
                double norm = 0;
                for (float f : one.features()) {
                    norm += f * f;
                }
                assertThat(Math.sqrt(norm)).as("instance features are unit vectors").isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
                for (int k = 0; k < 4; k++) {
                    assertThat(one.probabilities()[k]).isCloseTo(all.probabilities()[i * 4 + k],
                            org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
        }
    }

    @Test
    void missingRunsAndCentroidsAreNamed() {
        assertThatThrownBy(() -> ClusterPredictor.load(tmp.resolve("nowhere")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> ClusterPredictor.builder().setRunDirectory(run).optMethod(AssignmentMethod.KMEANS)
                .build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("kmeans-instance.json");
        assertThatThrownBy(() -> ClusterPredictor.builder().build()).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theSavedCentroidsAssignNewImagesToTheNearestCentroid() {
        Path copy = FormatOneRun.copyTo(tmp.resolve("run-kmeans"));
        try (ClusterPredictor head = ClusterPredictor.load(copy)) {
            Assignments features = head.predict(data, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, false, FeatureKind.INSTANCE,
                    null);
            float[] centroids = new float[2 * 128];
            System.arraycopy(features.features(), 0, centroids, 0, 128);
            System.arraycopy(features.features(), 5 * 128, centroids, 128, 128);
            new Centroids(FeatureKind.INSTANCE, 2, 128, centroids).write(RunLayout.of(copy));
        }
        try (ClusterPredictor p = ClusterPredictor.builder().setRunDirectory(copy).optMethod(AssignmentMethod.KMEANS)
                .build()) {
            assertThat(p.clusters()).isEqualTo(2);
            Prediction first = p.predict(data.image(0));
            Prediction sixth = p.predict(data.image(5));
            assertThat(first.cluster()).isZero();
            assertThat(first.confidence()).as("distance 0 gives confidence 1").isCloseTo(1f,
                    org.assertj.core.data.Offset.offset(1e-3f));
            assertThat(sixth.cluster()).isEqualTo(1);
            // Features of another kind than the centroids' are what was asked for.
            Prediction withBackbone = p.batchPredict(java.util.List.of(data.image(5)), FeatureKind.BACKBONE).get(0);
            assertThat(withBackbone.cluster()).isEqualTo(1);
            assertThat(withBackbone.features()).hasSize(p.spec().representationDim());
        }
    }
}
