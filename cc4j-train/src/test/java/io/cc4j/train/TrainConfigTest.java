package io.cc4j.train;

import io.cc4j.augment.Augmentation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.model.BackboneType;
import io.cc4j.model.Stem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    private static TrainConfig.Builder base() {
        return TrainConfig.builder().set(DataLimits.DATA, List.of("cifar10:/data"));
    }

    @Test
    void aDerivedSettingFollowsWhatAToBuilderIsGivenAndAGivenOneStays() {
        TrainConfig small = TrainConfig.builder().build();
        assertThat(small.get(Model.STEM)).isEqualTo(Stem.CIFAR);
        assertThat(small.toBuilder().set(Augmentation.SIZE, 224).build().get(Model.STEM))
                .as("the stem was derived from the size, so it follows the new size").isEqualTo(Stem.IMAGENET);
        TrainConfig chosen = TrainConfig.builder().set(Model.STEM, Stem.CIFAR).build();
        assertThat(chosen.toBuilder().set(Augmentation.SIZE, 224).build().get(Model.STEM))
                .as("a stem that was given stays").isEqualTo(Stem.CIFAR);
    }

    @Test
    void wholeAndRealNumbersNeedNoTypedLiterals() {
        TrainConfig c = TrainConfig.builder().set(RunPolicy.SEED, 7).set(Optimisation.WEIGHT_DECAY, 0)
                .set(Optimisation.LEARNING_RATE, 1e-3).build();
        assertThat(c.get(RunPolicy.SEED)).isEqualTo(7L);
        assertThat(c.get(Optimisation.WEIGHT_DECAY)).isZero();
    }

    @Test
    void defaultsAreTheOfficialOptimiserSettings() {
        TrainConfig c = base().build();
        assertThat(c.get(Optimisation.LEARNING_RATE)).isEqualTo(3e-4);
        assertThat(c.get(Optimisation.WEIGHT_DECAY)).isZero();
        assertThat(c.get(Optimisation.BATCH_SIZE)).isEqualTo(256);
        assertThat(c.get(Optimisation.INSTANCE_TEMPERATURE)).isEqualTo(0.5);
        assertThat(c.get(Optimisation.CLUSTER_TEMPERATURE)).isEqualTo(1.0);
        assertThat(c.get(Model.FEATURE_DIM)).isEqualTo(128);
        assertThat(c.get(RunPolicy.SEED)).isEqualTo(42);
    }

    @Test
    void jsonRoundTripIsExact(@TempDir Path dir) throws Exception {
        TrainConfig c = base().set(Model.CLUSTERS, 7).set(Model.WIDTH, 16).set(Optimisation.EPOCHS, 3).set(RunPolicy.SEED, 9L).set(DataLimits.LIMIT, 100).build();
        Path f = dir.resolve("c.json");
        Files.writeString(f, c.toJson());
        assertThat(TrainConfig.read(f)).isEqualTo(c);
    }

    @Test
    void partialConfigFileKeepsTheDefaultsItLeavesOut(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"data\": [\"cifar10:/d\"], \"clusters\": 20, \"augment\": {\"blur\": true}}");
        TrainConfig c = TrainConfig.read(f);
        assertThat(c.get(Model.CLUSTERS)).isEqualTo(20);
        assertThat(c.get(Optimisation.BATCH_SIZE)).isEqualTo(256);
        assertThat(c.get(Optimisation.LEARNING_RATE)).isEqualTo(3e-4);
        assertThat(c.augment().get(Augmentation.BLUR)).isTrue();
        assertThat(c.augment().size()).isEqualTo(32);
        assertThat(c.augment().get(Augmentation.CROP)).isTrue();
    }

    @Test
    void unknownKeyInConfigFileIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, base().build().toJson().replace("\"seed\"", "\"sed\""));
        assertThatThrownBy(() -> TrainConfig.read(f)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("sed").hasMessageContaining(f.toString());
    }

    @Test
    void outOfRangeValuesAreNamed() {
        assertThatThrownBy(() -> base().set(Model.CLUSTERS, 1).build()).hasMessageContaining("clusters must be at least 2, got 1");
        assertThatThrownBy(() -> base().set(Optimisation.BATCH_SIZE, 1).build()).hasMessageContaining("batchSize must be at least 2, got 1");
        assertThatThrownBy(() -> base().set(Model.CLUSTERS, 64).set(Optimisation.BATCH_SIZE, 32).build()).hasMessageContaining("clusters (64) must not exceed batchSize (32)");
        assertThatThrownBy(() -> TrainingData.open(TrainConfig.builder().build())).hasMessageContaining("no training data");
        assertThatThrownBy(() -> base().set(Optimisation.LEARNING_RATE, Double.NaN).build()).hasMessageContaining("learningRate must be > 0, got NaN");
        assertThatThrownBy(() -> base().set(Optimisation.BATCH_SIZE, 8192).augment(io.cc4j.augment.AugmentConfig.preset("cifar10", 224)).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lower batchSize");
    }

    @Test
    void paperPresetSetsThePaperConfiguration() {
        TrainConfig c = PaperPreset.of("cifar100").applyTo(base()).build();
        assertThat(c.get(Model.CLUSTERS)).isEqualTo(20);
        assertThat(c.get(Model.BACKBONE)).isEqualTo(BackboneType.RESNET34);
        assertThat(c.get(Model.STEM)).isEqualTo(Stem.IMAGENET);
        assertThat(c.imageSize()).isEqualTo(224);
        assertThat(c.get(Optimisation.EPOCHS)).isEqualTo(1000);
        assertThat(c.augment().get(Augmentation.STRENGTH)).isEqualTo(0.5);
        assertThat(c.augment().get(Augmentation.BLUR)).isFalse();
        assertThat(c.get(Optimisation.SEPARATE_VIEWS)).as("official per-view forward passes").isTrue();
        assertThat(base().build().get(Optimisation.SEPARATE_VIEWS)).isFalse();
        assertThat(PaperPreset.of("imagenet-dogs").applyTo(base()).build().augment().get(Augmentation.BLUR)).isTrue();
        assertThatThrownBy(() -> PaperPreset.of("mnist")).hasMessageContaining("cifar10");
        assertThat(PaperPreset.of("TinyImageNet")).isEqualTo(PaperPreset.TINY_IMAGENET);
        assertThat(PaperPreset.of("imagenet_dogs")).isEqualTo(PaperPreset.IMAGENET_DOGS);
    }

    @Test
    void configWrittenBeforeTimeBasedCheckpointsLoadsWithTheDefaults(@TempDir Path dir) throws Exception {
        // A config.json of the version before checkpoint_minutes, max_pixels and strict existed.
        String old = base().build().toJson().replaceAll(",\\s*\"checkpoint_minutes\"[^,}]*", "")
                .replaceAll(",\\s*\"max_pixels\"[^,}]*", "").replaceAll(",\\s*\"strict\"[^,}]*", "");
        assertThat(old).doesNotContain("checkpoint_minutes").doesNotContain("max_pixels").doesNotContain("strict");
        Path f = dir.resolve("config.json");
        Files.writeString(f, old);
        TrainConfig c = TrainConfig.read(f);
        assertThat(c.get(RunPolicy.CHECKPOINT_MINUTES)).isEqualTo(15.0);
        assertThat(c.get(DataLimits.MAX_PIXELS)).isEqualTo(40_000_000L);
        assertThat(c.get(DataLimits.STRICT)).isFalse();
        TrainConfig chosen = base().set(RunPolicy.CHECKPOINT_MINUTES, 2.5).set(DataLimits.MAX_PIXELS, 1000L).set(DataLimits.STRICT, true).build();
        assertThat(TrainConfig.fromJson(chosen.toJson(), "x")).isEqualTo(chosen);
    }

    @Test
    void checkpointMinutesAndPixelLimitAreChecked() {
        assertThatThrownBy(() -> base().set(RunPolicy.CHECKPOINT_MINUTES, -1.0).build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("checkpointMinutes must be >= 0, got -1.0");
        assertThatThrownBy(() -> base().set(DataLimits.MAX_PIXELS, 0L).build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("maxPixels must be at least 1, got 0");
    }
}
