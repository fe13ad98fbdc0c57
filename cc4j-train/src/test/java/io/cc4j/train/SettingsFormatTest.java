package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.augment.AugmentConfig;
import io.cc4j.augment.Augmentation;
import io.cc4j.augment.StrongAugmentConfig;
import io.cc4j.model.BackboneType;
import io.cc4j.model.Stem;
import io.cc4j.run.RunLayout;
import io.cc4j.testing.FormatOneRun;
import io.cc4j.testing.TinyIdx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written before the options became declared settings still load, to the same values: the config.json of
 * checkpoint format 1 (fixtures/run-format-1), a config.json and a boost.json of the last record-based version
 * (fixtures/before-settings), and a run of that version resumes.
 */
class SettingsFormatTest {
    private static final String BEFORE = "/fixtures/before-settings/";

    @Test
    void aConfigWithEveryKeyLoadsToItsValues() throws IOException {
        TrainConfig c = TrainConfig.fromJson(resource(BEFORE + "config.json"), "config.json");
        assertThat(c.get(DataLimits.DATA)).containsExactly("cifar10:/data/cifar-10-batches-bin");
        assertThat(c.get(DataLimits.INSTANCE_ONLY_DATA)).containsExactly("stl10-unlabeled:/data/stl10_binary");
        assertThat(c.get(Model.CLUSTERS)).isEqualTo(20);
        assertThat(c.get(Model.BACKBONE)).isEqualTo(BackboneType.RESNET34);
        assertThat(c.get(Model.STEM)).isEqualTo(Stem.IMAGENET);
        assertThat(c.get(Model.WIDTH)).isEqualTo(32);
        assertThat(c.augment()).isEqualTo(AugmentConfig.builder().set(Augmentation.SIZE, 64)
                .set(Augmentation.STRENGTH, 1.0).set(Augmentation.CROP, false).set(Augmentation.FLIP, true)
                .set(Augmentation.JITTER, false).set(Augmentation.GRAYSCALE, true).set(Augmentation.BLUR, true)
                .build());
        assertThat(c.get(Optimisation.BATCH_SIZE)).isEqualTo(128);
        assertThat(c.get(Optimisation.EPOCHS)).isEqualTo(50);
        assertThat(c.get(Optimisation.LEARNING_RATE)).isEqualTo(1e-3);
        assertThat(c.get(Optimisation.WEIGHT_DECAY)).isEqualTo(1e-5);
        assertThat(c.get(Optimisation.INSTANCE_TEMPERATURE)).isEqualTo(0.4);
        assertThat(c.get(Optimisation.CLUSTER_TEMPERATURE)).isEqualTo(0.9);
        assertThat(c.get(Model.FEATURE_DIM)).isEqualTo(64);
        assertThat(c.get(RunPolicy.SEED)).isEqualTo(7L);
        assertThat(c.get(RunPolicy.THREADS)).isEqualTo(2);
        assertThat(c.get(DataLimits.WORKERS)).isEqualTo(3);
        assertThat(c.get(DataLimits.LIMIT)).isEqualTo(1000);
        assertThat(c.get(RunPolicy.EVAL_EVERY)).isEqualTo(2);
        assertThat(c.get(RunPolicy.EVAL_SUBSET)).isEqualTo(500);
        assertThat(c.get(RunPolicy.CHECKPOINT_EVERY)).isEqualTo(5);
        assertThat(c.get(RunPolicy.KEEP_CHECKPOINTS)).isEqualTo(4);
        assertThat(c.get(Optimisation.SEPARATE_VIEWS)).isTrue();
        assertThat(c.get(RunPolicy.CHECKPOINT_MINUTES)).isEqualTo(2.5);
        assertThat(c.get(DataLimits.MAX_PIXELS)).isEqualTo(1_000_000L);
        assertThat(c.get(DataLimits.STRICT)).isTrue();
        assertThat(c.get(RunPolicy.CHANNELS_LAST)).isTrue();
        // keys that came later take their defaults: no normalisation, no initial weights
        assertThat(c.get(Model.NORMALIZATION)).isSameAs(io.cc4j.model.InputNormalization.NONE);
        assertThat(c.get(Pretrained.INIT_BACKBONE)).isEmpty();
        assertThat(c.get(Pretrained.FREEZE_BACKBONE)).isFalse();
        assertThat(c.get(Pretrained.BACKBONE_LR_SCALE)).isEqualTo(1.0);
        assertThat(TrainConfig.fromJson(c.toJson(), "again")).as("written and read back").isEqualTo(c);
    }

    @Test
    void aFormatOneConfigLoadsWithTheDefaultsOfLaterKeys(@TempDir Path tmp) throws IOException {
        Path run = FormatOneRun.copyTo(tmp.resolve("run"));
        TrainConfig c = TrainConfig.read(RunLayout.of(run).config());
        assertThat(c.get(Model.CLUSTERS)).isEqualTo(4);
        assertThat(c.get(Model.BACKBONE)).isEqualTo(BackboneType.RESNET18);
        assertThat(c.get(Model.STEM)).isEqualTo(Stem.CIFAR);
        assertThat(c.get(Model.WIDTH)).isEqualTo(2);
        assertThat(c.augment()).isEqualTo(AugmentConfig.preset("fashion-mnist", 16));
        assertThat(c.get(Optimisation.BATCH_SIZE)).isEqualTo(16);
        assertThat(c.get(Optimisation.EPOCHS)).isEqualTo(1);
        assertThat(c.get(Optimisation.LEARNING_RATE)).isEqualTo(1e-3);
        assertThat(c.get(RunPolicy.THREADS)).isEqualTo(1);
        assertThat(c.get(DataLimits.WORKERS)).isEqualTo(1);
        assertThat(c.get(RunPolicy.EVAL_EVERY)).isZero();
        assertThat(c.get(RunPolicy.CHECKPOINT_EVERY)).isEqualTo(1);
        assertThat(c.get(RunPolicy.KEEP_CHECKPOINTS)).isEqualTo(1);
        assertThat(c.get(Optimisation.SEPARATE_VIEWS)).isFalse();
        // keys that came later take their defaults
        assertThat(c.get(RunPolicy.CHECKPOINT_MINUTES)).isEqualTo(15.0);
        assertThat(c.get(DataLimits.MAX_PIXELS)).isEqualTo(40_000_000L);
        assertThat(c.get(DataLimits.STRICT)).isFalse();
        assertThat(c.get(RunPolicy.CHANNELS_LAST)).as("the layout measured faster for the CIFAR stem at 16 px")
                .isEqualTo(io.cc4j.model.MemoryLayouts.trainingChannelsLast(Stem.CIFAR, 16)).isTrue();
        // read as the run's own configuration (to resume or boost it): it ran channels-first, and continues so
        TrainConfig asRun = TrainConfig.ofRun(Files.readString(RunLayout.of(run).config()), "config.json");
        assertThat(asRun.get(RunPolicy.CHANNELS_LAST)).isFalse();
        assertThat(asRun.with(RunPolicy.CHANNELS_LAST, true)).isEqualTo(c);
        TrainConfig now = TrainConfig.builder().build();
        assertThat(TrainConfig.ofRun(now.toJson(), "config.json")).as("a run that recorded its layout keeps it")
                .isEqualTo(now);
        assertThat(c.get(Model.NORMALIZATION)).isSameAs(io.cc4j.model.InputNormalization.NONE);
        assertThat(c.modelSpec().normalization()).isSameAs(io.cc4j.model.InputNormalization.NONE);
    }

    @Test
    void aBoostConfigLoadsToItsValues(@TempDir Path tmp) throws IOException {
        Path run = Files.createDirectories(tmp.resolve("boost"));
        Files.writeString(RunLayout.of(run).boostConfig(), resource(BEFORE + "boost.json"));
        BoostConfig b = BoostConfig.read(RunLayout.of(run));
        assertThat(b.get(Boost.SOURCE)).isEqualTo("runs/fm");
        assertThat(b.get(Boost.EPOCHS)).isEqualTo(12);
        assertThat(b.get(Boost.ALPHA)).isEqualTo(0.99);
        assertThat(b.get(Boost.GAMMA)).isEqualTo(0.5);
        assertThat(b.get(Boost.LEARNING_RATE)).isEqualTo(1e-4);
        assertThat(b.get(Boost.WEIGHT_DECAY)).isEqualTo(1e-4);
        assertThat(b.get(Boost.INSTANCE_TEMPERATURE)).isEqualTo(0.5);
        assertThat(b.get(Boost.CLUSTER_TEMPERATURE)).isEqualTo(1.0);
        assertThat(b.get(Boost.EVAL_EVERY)).isEqualTo(1);
        assertThat(b.get(Boost.CHECKPOINT_EVERY)).isEqualTo(5);
        assertThat(b.get(Boost.CC_CLUSTER_LOSS)).isEqualTo(1.0);
        assertThat(b.get(Boost.AUGMENT).weak())
                .isEqualTo(AugmentConfig.preset("fashion-mnist", 28).toBuilder().set(Augmentation.STRENGTH, 0.5).build());
        assertThat(b.get(Boost.AUGMENT).strong()).isEqualTo(StrongAugmentConfig.preset("fashion-mnist", 28));
        assertThat(b).isEqualTo(BoostConfig.tcl(Path.of("runs/fm"), 12, "fashion-mnist", 28)
                .with(Boost.CC_CLUSTER_LOSS, 1.0));
    }

    @Test
    void aRunOfTheRecordVersionResumes(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        Files.createDirectories(run.resolve("checkpoints"));
        for (String name : List.of("config.json", "checkpoints/epoch-00001.ckpt")) {
            try (InputStream in = SettingsFormatTest.class.getResourceAsStream(BEFORE + "run/" + name)) {
                Files.copy(in, run.resolve(name));
            }
        }
        String spec = TinyIdx.write(tmp.resolve("data"), 64, 16, 4, 1);
        io.cc4j.model.store.Checkpoint.Header old = io.cc4j.model.store.Checkpoint.open(
                run.resolve("checkpoints/epoch-00001.ckpt")).header();
        assertThat(old.model().normalization()).as("a checkpoint without normalisation")
                .isSameAs(io.cc4j.model.InputNormalization.NONE);
        assertThat(old.provenance().initialWeights()).isNull();
        try (TrainingData data = TrainingData.of(io.cc4j.data.DatasetSpec.open(spec));
                TrainedModel m = new Trainer(null).resume(run, data, 2)) {
            assertThat(m.result().epochsCompleted()).isEqualTo(2);
        }
        TrainConfig resumed = TrainConfig.read(RunLayout.of(run).config());
        assertThat(resumed.get(Optimisation.EPOCHS)).isEqualTo(2);
        assertThat(resumed.get(Model.WIDTH)).isEqualTo(2);
        assertThat(resumed.augment()).isEqualTo(AugmentConfig.preset("fashion-mnist", 16));
        assertThat(Files.readString(RunLayout.of(run).config())).contains("\"normalization\" : \"none\"");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SettingsFormatTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
