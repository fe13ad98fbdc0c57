package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageShape;
import io.cc4j.data.RawImage;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.CheckpointStore;
import io.cc4j.run.RunLayout;
import io.cc4j.testing.TinyIdx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a run after any step and resuming it gives what the uninterrupted run gives: one engine thread, so
 * that the runs are bitwise repeatable, and 4 batches per epoch, so that "the middle of an epoch" exists.
 */
class TrainerStopTest {
    @TempDir
    static Path tmp;
    static String spec;
    static Path straight;
    static Path straightStl;

    @BeforeAll
    static void data() throws IOException {
        spec = TinyIdx.write(tmp.resolve("data"), 64, 16, 4, 1);
        straight = tmp.resolve("straight");
        new Trainer(null).train(tiny().set(Optimisation.EPOCHS, 3).build(), straight).close();
        straightStl = tmp.resolve("straight-stl");
        new Trainer(null).train(stl().build(), straightStl).close();
    }

    /** TrainerTest's configuration: 64 images, 4 batches per epoch, one engine thread. */
    static TrainConfig.Builder tiny() {
        return TrainConfig.builder().set(DataLimits.DATA, List.of(spec)).set(Model.CLUSTERS, 4).set(Model.BACKBONE, io.cc4j.model.BackboneType.RESNET18)
                .set(Model.STEM, io.cc4j.model.Stem.CIFAR).set(Model.WIDTH, 4).augment(io.cc4j.augment.AugmentConfig.preset("fashion-mnist", 16))
                .set(Optimisation.BATCH_SIZE, 16).set(Optimisation.EPOCHS, 2).set(Optimisation.LEARNING_RATE, 1e-3).set(RunPolicy.THREADS, 1).set(DataLimits.WORKERS, 1).set(RunPolicy.EVAL_EVERY, 1).set(RunPolicy.EVAL_SUBSET, 64)
                .set(RunPolicy.CHECKPOINT_EVERY, 1).set(RunPolicy.KEEP_CHECKPOINTS, 3);
    }

    private static TrainConfig.Builder stl() {
        return tiny().set(DataLimits.DATA, List.of(spec)).set(DataLimits.INSTANCE_ONLY_DATA, List.of(spec)).set(Optimisation.EPOCHS, 2).set(RunPolicy.EVAL_EVERY, 0);
    }

    /** Stops at the given "epoch:phase:batch" points: batch is 0-based within its phase, as onBatch reports it. */
    private static final class StopAt implements TrainingListener {
        private final List<String> at;
        private String last = "";
        private String phase = "";
        final List<Path> checkpoints = new ArrayList<>();

        StopAt(String... at) {
            this.at = List.of(at);
        }

        @Override
        public void onPhaseStart(int epoch, String phase, int batches) {
            this.phase = phase;
            last = "";
        }

        @Override
        public void onBatch(int epoch, int batch, double instanceLoss, double clusterLoss, double imagesPerSecond) {
            last = epoch + ":" + phase + ":" + batch;
        }

        @Override
        public void onCheckpoint(int epoch, Path file) {
            checkpoints.add(file);
        }

        @Override
        public boolean stopRequested() {
            return at.contains(last);
        }
    }

    @Test
    void stoppingInTheMiddleOfAnEpochAndResumingEqualsTheUninterruptedRun() throws IOException {
        Path run = tmp.resolve("stopped");
        TrainConfig cfg = tiny().set(Optimisation.EPOCHS, 3).build();
        TrainingResult first = new Trainer(new StopAt("2:full:1")).train(cfg, run).release();
        assertThat(first.stopped()).isTrue();
        assertThat(first.epochsCompleted()).isEqualTo(1);
        assertThat(first.stoppedAt().epoch()).isEqualTo(2);
        assertThat(first.stoppedAt().steps()).isEqualTo(2);
        assertThat(first.checkpoint().getFileName().toString()).isEqualTo("epoch-00002-step-000002.ckpt");
        Checkpoint.Header h = Checkpoint.open(first.checkpoint()).header();
        assertThat(h.epoch()).isEqualTo(1);
        assertThat(EpochProgress.fromJson(h.trainingState(), "x")).isEqualTo(first.stoppedAt());
        assertThat(MetricsLog.readAll(RunLayout.of(run))).extracting(EpochRecord::epoch).containsExactly(1);

        // Stopped a second time, on the last batch of epoch 2: that is an ordinary epoch checkpoint.
        TrainingResult second = new Trainer(new StopAt("2:full:3")).resume(run, 0).release();
        assertThat(second.stopped()).isTrue();
        assertThat(second.stoppedAt()).isNull();
        assertThat(second.checkpoint().getFileName().toString()).isEqualTo("epoch-00002.ckpt");
        assertThat(RunLayout.of(run).checkpoints().list()).noneMatch(CheckpointStore::isStepCheckpoint);

        TrainingResult done = new Trainer(null).resume(run, 0).release();
        assertThat(done.stopped()).isFalse();
        assertThat(done.epochsCompleted()).isEqualTo(3);
        assertSameRun(straight, run);
    }

    @Test
    void stoppingTwiceInOneEpochAndInTheInstanceOnlyPhaseResumesExactly() throws IOException {
        Path run = tmp.resolve("stopped-stl");
        // Epoch 1: in the instance-only phase, then at its very end; epoch 2: in the full phase.
        TrainingResult a = new Trainer(new StopAt("1:instance-only:0")).train(stl().build(), run).release();
        assertThat(a.stoppedAt().phase()).isEqualTo("instance-only");
        TrainingResult b = new Trainer(new StopAt("1:instance-only:3")).resume(run, 0).release();
        assertThat(b.stoppedAt().phase()).isEqualTo("instance-only");
        assertThat(b.stoppedAt().batch()).isEqualTo(4);
        TrainingResult c = new Trainer(new StopAt("2:full:2")).resume(run, 0).release();
        assertThat(c.stoppedAt().epoch()).isEqualTo(2);
        assertThat(c.stoppedAt().phase()).isEqualTo("full");
        assertThat(c.stoppedAt().steps()).isEqualTo(4 + 3);
        assertThat(c.stoppedAt().instanceOnlyLoss()).isNotNull();
        new Trainer(null).resume(run, 0).close();
        assertSameRun(straightStl, run);
    }

    @Test
    void aCrashAfterATimeBasedCheckpointResumesFromThatStep() throws IOException {
        Path run = tmp.resolve("crashed");
        // A checkpoint after every step; the process "dies" (an exception) in the middle of epoch 3.
        TrainConfig cfg = tiny().set(Optimisation.EPOCHS, 3).set(RunPolicy.CHECKPOINT_MINUTES, 1e-9).build();
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
        assertThatThrownBy(() -> new Trainer(crash).train(cfg, run)).hasMessageContaining("simulated crash");
        assertThat(written).extracting(p -> p.getFileName().toString()).contains("epoch-00001-step-000001.ckpt",
                "epoch-00001.ckpt", "epoch-00003-step-000002.ckpt");
        // Older step checkpoints were pruned as newer ones arrived: only the newest file remains of them.
        assertThat(RunLayout.of(run).checkpoints().list()).extracting(p -> p.getFileName().toString())
                .containsExactly("epoch-00001.ckpt", "epoch-00002.ckpt", "epoch-00003-step-000002.ckpt");
        TrainingResult r = new Trainer(null).resume(run, 0).release();
        assertThat(r.epochsCompleted()).isEqualTo(3);
        assertSameRun(straight, run);
        // At the end the newest checkpoint is the epoch's: no step checkpoint is left.
        assertThat(RunLayout.of(run).checkpoints().list()).noneMatch(CheckpointStore::isStepCheckpoint);
    }

    @Test
    void aStopBeforeTheFirstStepWritesNothing() {
        Path run = tmp.resolve("stopped-at-once");
        TrainingResult r = new Trainer(new TrainingListener() {
            @Override
            public boolean stopRequested() {
                return true;
            }
        }).train(tiny().build(), run).release();
        assertThat(r.stopped()).isTrue();
        assertThat(r.epochsCompleted()).isZero();
        assertThat(r.checkpoint()).isNull();
        assertThat(RunLayout.of(run).checkpoints().list()).isEmpty();
    }

    @Test
    void aSecondProcessCannotTrainTheSameRunDirectory() {
        Path run = tmp.resolve("locked");
        new Trainer(new StopAt("1:full:1")).train(tiny().build(), run).close();
        try (RunLock held = RunLock.acquire(RunLayout.of(run))) {
            assertThatThrownBy(() -> new Trainer(null).resume(run, 0)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("another cc4j process is training in " + run);
        }
        assertThat(new Trainer(null).resume(run, 0).release().epochsCompleted()).isEqualTo(2);
    }

    @Test
    void temporaryFilesOfAKilledWriteAreRemovedOnResume() throws IOException {
        Path run = tmp.resolve("leftovers");
        new Trainer(new StopAt("1:full:1")).train(tiny().build(), run).close();
        Path dir = RunLayout.of(run).checkpoints().directory();
        Path leftover = Files.writeString(dir.resolve(".epoch-00001.ckpt.12345.tmp"), "half a checkpoint");
        Path metrics = Files.writeString(run.resolve(".metrics.jsonl.678.tmp"), "{\"epo");
        new Trainer(null).resume(run, 0).close();
        assertThat(leftover).doesNotExist();
        assertThat(metrics).doesNotExist();
    }

    @Test
    void anImageThatFailsToDecodeIsSkippedAndCountedUnlessStrict() {
        try (ImageDataset tiny = DatasetSpec.open(spec)) {
            skippedUnlessStrict(new Failing(tiny, 5));
        }
    }

    private void skippedUnlessStrict(ImageDataset oneBad) {
        TrainConfig cfg = tiny().set(DataLimits.DATA, List.of()).set(Optimisation.EPOCHS, 2).set(RunPolicy.EVAL_SUBSET, 64).build();
        TrainingResult r = new Trainer(null).fit(cfg, TrainingData.of(oneBad), tmp.resolve("one-bad")).release();
        // Every image is in every epoch (64 = 4 batches of 16): the bad one is left out once per epoch.
        assertThat(r.history()).extracting(EpochRecord::skippedImages).containsExactly(1L, 1L);
        assertThat(r.history()).allSatisfy(e -> assertThat(e.totalLoss()).isFinite());
        assertThat(r.history().get(0).imagesPerSecond() * r.history().get(0).seconds())
                .isCloseTo(63.0, Offset.offset(1e-6));
        assertThat(MetricsLog.readAll(RunLayout.of(tmp.resolve("one-bad")))).extracting(EpochRecord::skippedImages)
                .containsExactly(1L, 1L);
        assertThatThrownBy(() -> new Trainer(null).fit(cfg.toBuilder().set(DataLimits.STRICT, true).build(), TrainingData.of(oneBad),
                tmp.resolve("one-bad-strict"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("image 5 is damaged");
    }

    /** Parameters within 1e-6, identical assignments, and the same per-epoch losses. */
    static void assertSameRun(Path expected, Path actual) {
        try (NewestModels models = new NewestModels(expected, actual)) {
            assertThat(models.actual().header().epoch()).isEqualTo(models.expected().header().epoch());
            assertThat(models.actual().model().namedParameters().keySet())
                    .containsExactlyElementsOf(models.expected().model().namedParameters().keySet());
            models.assertSameParameters();
        }
        try (ImageDataset d = DatasetSpec.open(spec); ClusterPredictor pa = ClusterPredictor.load(expected);
                ClusterPredictor pb = ClusterPredictor.load(actual)) {
            assertThat(pb.predict(d).clusters()).containsExactly(pa.predict(d).clusters());
        }
        List<EpochRecord> x = MetricsLog.readAll(RunLayout.of(expected));
        List<EpochRecord> y = MetricsLog.readAll(RunLayout.of(actual));
        assertThat(y).hasSameSizeAs(x);
        for (int i = 0; i < x.size(); i++) {
            assertThat(y.get(i).instanceLoss()).isEqualTo(x.get(i).instanceLoss());
            assertThat(y.get(i).clusterLoss()).isEqualTo(x.get(i).clusterLoss());
            assertThat(y.get(i).instanceOnlyLoss()).isEqualTo(x.get(i).instanceOnlyLoss());
            assertThat(y.get(i).nmi()).isEqualTo(x.get(i).nmi());
        }
    }

    /** A dataset whose image {@code bad} fails to decode, as a damaged file found mid-epoch does. */
    static final class Failing implements ImageDataset {
        private final ImageDataset inner;
        private final int bad;

        Failing(ImageDataset inner, int bad) {
            this.inner = inner;
            this.bad = bad;
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public Optional<ImageShape> shape() {
            return inner.shape();
        }

        @Override
        public int channels() {
            return inner.channels();
        }

        @Override
        public RawImage image(int index) {
            if (index == bad) {
                throw new InvalidInputException("image " + index + " is damaged");
            }
            return inner.image(index);
        }

        @Override
        public boolean hasLabels() {
            return inner.hasLabels();
        }

        @Override
        public int label(int index) {
            return inner.label(index);
        }

        @Override
        public List<String> classNames() {
            return inner.classNames();
        }

        @Override
        public String description() {
            return "one damaged image in " + inner.description();
        }
    }
}
