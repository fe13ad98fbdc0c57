package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.model.BackboneType;
import io.cc4j.model.Stem;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.CheckpointStore;
import io.cc4j.run.RunLayout;
import io.cc4j.testing.TinyIdx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on a tiny real-format dataset: a few epochs of the smallest network, one thread. */
class TrainerTest {
    @TempDir
    static Path tmp;
    static String spec;

    @BeforeAll
    static void data() throws IOException {
        spec = TinyIdx.write(tmp.resolve("data"), 64, 16, 4, 1);
    }

    static TrainConfig.Builder tiny() {
        return TrainConfig.builder().set(DataLimits.DATA, List.of(spec)).set(Model.CLUSTERS, 4).set(Model.BACKBONE, BackboneType.RESNET18).set(Model.STEM, Stem.CIFAR).set(Model.WIDTH, 4)
                .augment(AugmentConfig.preset("fashion-mnist", 16)).set(Optimisation.BATCH_SIZE, 16).set(Optimisation.EPOCHS, 2).set(Optimisation.LEARNING_RATE, 1e-3)
                .set(RunPolicy.THREADS, 1).set(DataLimits.WORKERS, 1).set(RunPolicy.EVAL_EVERY, 1).set(RunPolicy.EVAL_SUBSET, 64).set(RunPolicy.CHECKPOINT_EVERY, 1).set(RunPolicy.KEEP_CHECKPOINTS, 3);
    }

    @Test
    void trainingWritesConfigMetricsAndCheckpoints() throws IOException {
        Path run = tmp.resolve("run-files");
        TrainingResult r = new Trainer(null).train(tiny().build(), run).release();
        assertThat(r.epochsCompleted()).isEqualTo(2);
        assertThat(TrainConfig.read(RunLayout.of(run).config())).isEqualTo(tiny().build());
        List<EpochRecord> log = MetricsLog.readAll(RunLayout.of(run));
        assertThat(log).extracting(EpochRecord::epoch).containsExactly(1, 2);
        assertThat(log).allSatisfy(e -> {
            assertThat(e.instanceLoss()).isFinite().isPositive();
            assertThat(e.nmi()).isBetween(0.0, 1.0);
        });
        assertThat(RunLayout.of(run).checkpoints().list()).hasSize(2);
        try (ClusterPredictor m = ClusterPredictor.load(run)) {
            ImageDataset d = DatasetSpec.open(spec);
            Assignments a = m.predict(d);
            assertThat(a.size()).isEqualTo(64);
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.clusters()[i]).isBetween(0, 3);
                // The max of 4 probabilities is at least 1/4.
                assertThat(a.confidence()[i]).isBetween(0.25f - 1e-6f, 1f + 1e-6f);
            }
        }
        assertThatThrownBy(() -> new Trainer(null).train(tiny().build(), run))
                .isInstanceOf(RunExistsException.class).hasMessageContaining("already holds a training run");
    }

    @Test
    void fitReturnsTheModelItSavedReadyToPredict() {
        Path run = tmp.resolve("run-returned");
        ImageDataset d = DatasetSpec.open(spec);
        Assignments inMemory;
        try (TrainedModel model = new Trainer(null).fit(tiny().set(RunPolicy.EVAL_EVERY, 0).build(), TrainingData.of(d), run)) {
            assertThat(model.runDirectory()).isEqualTo(run);
            assertThat(model.result().epochsCompleted()).isEqualTo(2);
            inMemory = model.predictor().predict(d, java.util.stream.IntStream.range(0, d.size()).toArray(), true,
                    null, null);
            assertThat(model.predict(d.image(3)).cluster()).isEqualTo(inMemory.clusters()[3]);
        }
        try (ClusterPredictor saved = ClusterPredictor.load(run)) {
            Assignments fromDisk = saved.predict(d, java.util.stream.IntStream.range(0, d.size()).toArray(), true,
                    null, null);
            assertThat(fromDisk.clusters()).as("the saved model assigns as the returned one").containsExactly(
                    inMemory.clusters());
            assertThat(fromDisk.probabilities()).as("to the bit").containsExactly(inMemory.probabilities());
        }
    }

    @Test
    void aClosedTrainedModelRefusesToPredict() {
        TrainedModel model = new Trainer(null).train(tiny().set(Optimisation.EPOCHS, 1).set(RunPolicy.EVAL_EVERY, 0).build(), tmp.resolve("run-closed"));
        model.close();
        assertThatThrownBy(model::predictor).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        model.close(); // a second close does nothing
    }

    @Test
    void lossGoesDownOverTraining() {
        Path run = tmp.resolve("run-loss");
        TrainingResult r = new Trainer(null).train(tiny().set(Optimisation.EPOCHS, 6).set(RunPolicy.EVAL_EVERY, 0).build(), run).release();
        List<EpochRecord> h = r.history();
        assertThat(h.get(h.size() - 1).totalLoss()).isLessThan(h.get(0).totalLoss());
    }

    @Test
    void resumingEqualsTrainingStraightThrough() throws IOException {
        Path straight = tmp.resolve("run-straight");
        new Trainer(null).train(tiny().build(), straight).close();
        Path stopped = tmp.resolve("run-stopped");
        new Trainer(null).train(tiny().set(Optimisation.EPOCHS, 1).build(), stopped).close();
        TrainingResult resumed = new Trainer(null).resume(stopped, 2).release();
        assertThat(io.cc4j.engine.EngineSupport.threads()).as("libtorch intra-op threads").isEqualTo(1);
        assertThat(resumed.epochsCompleted()).isEqualTo(2);
        assertThat(MetricsLog.readAll(RunLayout.of(stopped))).extracting(EpochRecord::epoch).containsExactly(1, 2);

        ImageDataset d = DatasetSpec.open(spec);
        try (NewestModels models = new NewestModels(straight, stopped);
                ClusterPredictor pa1 = ClusterPredictor.load(straight);
                ClusterPredictor pb1 = ClusterPredictor.load(stopped)) {
            assertThat(models.actual().model().namedParameters().keySet())
                    .containsExactlyElementsOf(models.expected().model().namedParameters().keySet());
            models.assertSameParameters();
            assertThat(pb1.predict(d).clusters()).containsExactly(pa1.predict(d).clusters());
        }
    }

    @Test
    void sameSeedGivesSameAssignmentsAndAnotherSeedDiffers() {
        Path one = tmp.resolve("run-seed-1");
        Path two = tmp.resolve("run-seed-2");
        Path other = tmp.resolve("run-seed-other");
        new Trainer(null).train(tiny().set(Optimisation.EPOCHS, 1).build(), one).close();
        new Trainer(null).train(tiny().set(Optimisation.EPOCHS, 1).build(), two).close();
        new Trainer(null).train(tiny().set(Optimisation.EPOCHS, 1).set(RunPolicy.SEED, 7L).build(), other).close();
        ImageDataset d = DatasetSpec.open(spec);
        try (ClusterPredictor a = ClusterPredictor.load(one); ClusterPredictor b = ClusterPredictor.load(two);
                ClusterPredictor c = ClusterPredictor.load(other)) {
            Assignments aa = a.predict(d);
            assertThat(b.predict(d).confidence()).containsExactly(aa.confidence());
            assertThat(c.predict(d).confidence()).isNotEqualTo(aa.confidence());
        }
    }

    @Test
    void resumeSkipsACorruptNewestCheckpoint() throws IOException {
        Path run = tmp.resolve("run-corrupt");
        new Trainer(null).train(tiny().set(Optimisation.EPOCHS, 2).set(RunPolicy.EVAL_EVERY, 0).build(), run).close();
        CheckpointStore store = RunLayout.of(run).checkpoints();
        Path newest = store.latest().orElseThrow();
        byte[] b = Files.readAllBytes(newest);
        b[b.length / 3] ^= 1;
        Files.write(newest, b);
        // Inference refuses a corrupt model, naming the file.
        assertThatThrownBy(() -> ClusterPredictor.load(run)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(newest.toString());
        // Resume falls back to the last good checkpoint (epoch 1) and trains epoch 2 again.
        TrainingResult r = new Trainer(null).resume(run, 2).release();
        assertThat(r.epochsCompleted()).isEqualTo(2);
        assertThat(r.history()).extracting(EpochRecord::epoch).containsExactly(1, 2);
        assertThat(newest.resolveSibling(newest.getFileName() + ".corrupt")).exists();
        try (ClusterPredictor m = ClusterPredictor.load(run)) {
            assertThat(m.header().orElseThrow().epoch()).isEqualTo(2);
        }
        // A total not beyond what was trained is refused rather than silently doing nothing.
        assertThatThrownBy(() -> new Trainer(null).resume(run, 2)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already trained 2 of 2 epochs");
    }

    @Test
    void stl10ModeTrainsTheInstanceLossOnExtraDataFirst() {
        List<String> phases = new java.util.ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void onPhaseStart(int epoch, String phase, int batches) {
                phases.add(epoch + ":" + phase + ":" + batches);
            }
        };
        TrainingResult r = new Trainer(record).train(tiny().set(Optimisation.EPOCHS, 2).set(DataLimits.INSTANCE_ONLY_DATA, List.of(spec)).set(Optimisation.BATCH_SIZE, 32)
                .set(RunPolicy.EVAL_EVERY, 0).build(), tmp.resolve("run-stl-mode")).release();
        assertThat(phases).containsExactly("1:instance-only:2", "1:full:2", "2:instance-only:2", "2:full:2");
        // Both phases' images count in the epoch's throughput: 64 + 64 images per epoch.
        EpochRecord e = r.history().get(0);
        assertThat(e.imagesPerSecond() * e.seconds()).isCloseTo(128.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(e.instanceOnlyLoss()).as("instance-only phase loss is logged").isNotNull().isFinite().isPositive();
        assertThat(MetricsLog.readAll(RunLayout.of(tmp.resolve("run-stl-mode"))).get(1).instanceOnlyLoss()).isNotNull();
    }

    @Test
    void separateViewPassesTrainToo() {
        TrainingResult r = new Trainer(null).train(tiny().set(Optimisation.EPOCHS, 2).set(Optimisation.SEPARATE_VIEWS, true).set(RunPolicy.EVAL_EVERY, 0).build(),
                tmp.resolve("run-separate")).release();
        assertThat(r.history()).allSatisfy(e -> assertThat(e.totalLoss()).isFinite());
        assertThat(TrainConfig.read(RunLayout.of(tmp.resolve("run-separate")).config()).get(Optimisation.SEPARATE_VIEWS)).isTrue();
    }

    @Test
    void tooFewImagesForOneBatchIsBadInput() {
        assertThatThrownBy(() -> new Trainer(null).train(tiny().set(Optimisation.BATCH_SIZE, 128).build(), tmp.resolve("run-small")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("fewer than one batch");
    }

    @Test
    void divergingLossStopsWithClearMessageAndIntactCheckpoints() throws IOException {
        Path run = tmp.resolve("run-nan");
        // An absurd learning rate blows the weights up within a few steps.
        TrainConfig cfg = tiny().set(Optimisation.EPOCHS, 30).set(Optimisation.LEARNING_RATE, 1e30).set(RunPolicy.EVAL_EVERY, 0).build();
        assertThatThrownBy(() -> new Trainer(null).train(cfg, run))
                .isInstanceOf(TrainingDivergedException.class).hasMessageContaining("stopped before the update")
                .satisfies(e -> assertThat(((TrainingDivergedException) e).reason())
                        .isIn(TrainingDivergedException.Reason.PARAMETERS, TrainingDivergedException.Reason.LOSS,
                                TrainingDivergedException.Reason.GRADIENTS));
        for (Path p : RunLayout.of(run).checkpoints().list()) {
            assertThat(Checkpoint.open(p).header().epoch()).isPositive();
        }
        try (var files = Files.walk(run)) {
            assertThat(files.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
        }
    }
}
