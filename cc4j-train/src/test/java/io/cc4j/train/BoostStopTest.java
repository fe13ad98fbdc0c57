package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.CheckpointStore;
import io.cc4j.run.RunLayout;
import io.cc4j.testing.TinyIdx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a boost run after any step, or losing it after a time-based step checkpoint, and resuming it gives what
 * the uninterrupted run gives: the parameters, the pseudo-labels (and so every later epoch) and the per-epoch
 * records. As BoostTrainerTest: 64 images, 4 batches per epoch, one engine thread.
 */
class BoostStopTest {
    @TempDir
    static Path tmp;
    static Path cc;
    static String spec;
    static Path straight;

    @BeforeAll
    static void runs() throws IOException {
        spec = TinyIdx.write(tmp.resolve("data"), 64, 16, 4, 1);
        cc = tmp.resolve("cc");
        new Trainer(null).train(TrainConfig.builder().set(DataLimits.DATA, List.of(spec)).set(Model.CLUSTERS, 4)
                .set(Model.BACKBONE, io.cc4j.model.BackboneType.RESNET18).set(Model.STEM, io.cc4j.model.Stem.CIFAR)
                .set(Model.WIDTH, 4).augment(io.cc4j.augment.AugmentConfig.preset("fashion-mnist", 16))
                .set(Optimisation.BATCH_SIZE, 16).set(Optimisation.EPOCHS, 2).set(Optimisation.LEARNING_RATE, 1e-3)
                .set(RunPolicy.THREADS, 1).set(DataLimits.WORKERS, 1).set(RunPolicy.EVAL_EVERY, 0)
                .set(RunPolicy.EVAL_SUBSET, 64).set(RunPolicy.CHECKPOINT_EVERY, 1).build(), cc).close();
        straight = tmp.resolve("straight");
        new BoostTrainer(null).boost(config(3), null, straight);
    }

    /** As BoostTrainerTest: TCL's settings with an alpha a two-epoch model reaches, and CC's cluster loss. */
    private static BoostConfig config(int epochs) {
        return BoostConfig.tcl(cc, epochs, "fashion-mnist", 16).toBuilder().set(Boost.ALPHA, 0.26)
                .set(Boost.EVAL_EVERY, 1).set(Boost.CHECKPOINT_EVERY, 1).set(Boost.CC_CLUSTER_LOSS, 1.0).build();
    }

    /** Stops after the given "epoch:batch" points (batch 0-based, as onBatch reports it). */
    private static final class StopAt implements TrainingListener {
        private final List<String> at;
        private String last = "";

        StopAt(String... at) {
            this.at = List.of(at);
        }

        @Override
        public void onPhaseStart(int epoch, String phase, int batches) {
            last = "";
        }

        @Override
        public void onBatch(int epoch, int batch, double instanceLoss, double clusterLoss, double imagesPerSecond) {
            last = epoch + ":" + batch;
        }

        @Override
        public boolean stopRequested() {
            return at.contains(last);
        }
    }

    @Test
    void stoppingAfterAnyStepAndResumingEqualsTheUninterruptedRun() {
        Path run = tmp.resolve("stopped");
        // In the first epoch (it only labels), twice in the second, at the last step of the second (an ordinary
        // epoch end), then to the end.
        BoostTrainer.Result a = new BoostTrainer(new StopAt("1:1")).boost(config(3), null, run);
        assertThat(a.stoppedAt()).isNotNull();
        assertThat(a.stoppedAt().epoch()).isEqualTo(1);
        assertThat(a.stoppedAt().batch()).isEqualTo(2);
        assertThat(a.epochsCompleted()).isZero();
        assertThat(a.lastCheckpoint().getFileName().toString()).isEqualTo("epoch-00001-step-000002.ckpt");
        Checkpoint.Header h = Checkpoint.open(a.lastCheckpoint()).header();
        assertThat(h.epoch()).isZero();
        assertThat(BoostProgress.fromJson(h.trainingState(), "x")).isEqualTo(a.stoppedAt());

        BoostTrainer.Result b = new BoostTrainer(new StopAt("2:0")).resume(run, null, 0);
        assertThat(b.history()).extracting(BoostEpochRecord::epoch).containsExactly(1);
        assertThat(b.stoppedAt().epoch()).isEqualTo(2);
        assertThat(b.stoppedAt().steps()).isEqualTo(1);
        BoostTrainer.Result c = new BoostTrainer(new StopAt("2:2")).resume(run, null, 0);
        assertThat(c.stoppedAt().batch()).isEqualTo(3);
        assertThat(c.stoppedAt().steps()).isEqualTo(3);
        BoostTrainer.Result d = new BoostTrainer(new StopAt("2:3")).resume(run, null, 0);
        assertThat(d.stoppedAt()).isNull();
        assertThat(d.epochsCompleted()).isEqualTo(2);
        assertThat(d.lastCheckpoint().getFileName().toString()).isEqualTo("epoch-00002.ckpt");
        assertThat(RunLayout.of(run).checkpoints().list()).noneMatch(CheckpointStore::isStepCheckpoint);

        BoostTrainer.Result done = new BoostTrainer(null).resume(run, null, 0);
        assertThat(done.epochsCompleted()).isEqualTo(3);
        assertSameRun(straight, run);
    }

    @Test
    void aCrashAfterATimeBasedStepCheckpointResumesFromThatStep() {
        Path run = tmp.resolve("crashed");
        List<Path> written = new ArrayList<>();
        TrainingListener crash = new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, double li, double lc, double ips) {
                if (epoch == 3 && batch == 2) {
                    throw new IllegalStateException("simulated crash");
                }
            }

            @Override
            public void onCheckpoint(int epoch, Path file) {
                written.add(file);
            }
        };
        // A checkpoint after every step.
        assertThatThrownBy(() -> new BoostTrainer(crash).boost(config(3),
                Map.of(RunPolicy.CHECKPOINT_MINUTES, 1e-9), null, run)).hasMessageContaining("simulated crash");
        assertThat(written).extracting(p -> p.getFileName().toString()).contains("epoch-00001-step-000001.ckpt",
                "epoch-00001.ckpt", "epoch-00003-step-000002.ckpt");
        assertThat(RunLayout.of(run).checkpoints().latest().orElseThrow().getFileName().toString())
                .isEqualTo("epoch-00003-step-000002.ckpt");
        new BoostTrainer(null).resume(run, null, 0);
        assertSameRun(straight, run);
    }

    @Test
    void aStopBeforeTheFirstStepWritesNothing() {
        Path run = tmp.resolve("stopped-at-once");
        BoostTrainer.Result r = new BoostTrainer(new TrainingListener() {
            @Override
            public boolean stopRequested() {
                return true;
            }
        }).boost(config(2), null, run);
        assertThat(r.epochsCompleted()).isZero();
        assertThat(r.lastCheckpoint()).isNull();
        assertThat(RunLayout.of(run).checkpoints().list()).isEmpty();
    }

    @Test
    void anImageThatFailsToDecodeIsSkippedAndCountedUnlessStrict() {
        try (ImageDataset tiny = DatasetSpec.open(spec)) {
            ImageDataset oneBad = new TrainerStopTest.Failing(tiny, 5);
            BoostTrainer.Result r = new BoostTrainer(null).boost(config(2), Map.of(), TrainingData.of(oneBad),
                    tmp.resolve("one-bad"));
            // Every image is in every epoch (64 = 4 batches of 16): the bad one is left out once per epoch.
            assertThat(r.history()).extracting(BoostEpochRecord::skippedImages).containsExactly(1L, 1L);
            assertThat(r.history().get(1).instanceLoss()).isFinite();
            assertThat(BoostLog.read(RunLayout.of(tmp.resolve("one-bad")), 2))
                    .extracting(BoostEpochRecord::skippedImages).containsExactly(1L, 1L);
            assertThatThrownBy(() -> new BoostTrainer(null).boost(config(2), Map.of(DataLimits.STRICT, true),
                    TrainingData.of(oneBad), tmp.resolve("one-bad-strict")))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("image 5 is damaged");
        }
    }

    @Test
    void onlyTheRunSettingsMayBeChanged() {
        assertThatThrownBy(() -> new BoostTrainer(null).boost(config(2), Map.of(RunPolicy.SEED, 1L), null,
                tmp.resolve("other"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed");
    }

    /** The same parameters (1e-6), the same records epoch by epoch (but time). */
    static void assertSameRun(Path expected, Path actual) {
        try (NewestModels models = new NewestModels(expected, actual)) {
            assertThat(models.actual().header().epoch()).isEqualTo(models.expected().header().epoch());
            models.assertSameParameters();
        }
        List<BoostEpochRecord> x = BoostLog.read(RunLayout.of(expected), Integer.MAX_VALUE);
        List<BoostEpochRecord> y = BoostLog.read(RunLayout.of(actual), Integer.MAX_VALUE);
        assertThat(y).hasSameSizeAs(x);
        for (int i = 0; i < x.size(); i++) {
            assertThat(y.get(i).instanceLoss()).isEqualTo(x.get(i).instanceLoss());
            assertThat(y.get(i).clusterLoss()).isEqualTo(x.get(i).clusterLoss());
            assertThat(y.get(i).labelledFraction()).isEqualTo(x.get(i).labelledFraction());
            assertThat(y.get(i).labelAccuracy()).isEqualTo(x.get(i).labelAccuracy());
            assertThat(y.get(i).nmi()).isEqualTo(x.get(i).nmi());
            assertThat(y.get(i).skippedImages()).isEqualTo(x.get(i).skippedImages());
        }
    }
}
