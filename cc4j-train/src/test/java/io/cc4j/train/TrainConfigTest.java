package io.cc4j.train;

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
        return TrainConfig.builder().data(List.of("cifar10:/data"));
    }

    @Test
    void defaultsAreTheOfficialOptimiserSettings() {
        TrainConfig c = base().build();
        assertThat(c.learningRate()).isEqualTo(3e-4);
        assertThat(c.weightDecay()).isZero();
        assertThat(c.batchSize()).isEqualTo(256);
        assertThat(c.instanceTemperature()).isEqualTo(0.5);
        assertThat(c.clusterTemperature()).isEqualTo(1.0);
        assertThat(c.featureDim()).isEqualTo(128);
        assertThat(c.seed()).isEqualTo(42);
    }

    @Test
    void jsonRoundTripIsExact(@TempDir Path dir) throws Exception {
        TrainConfig c = base().clusters(7).width(16).epochs(3).seed(9).limit(100).build();
        Path f = dir.resolve("c.json");
        Files.writeString(f, c.toJson());
        assertThat(TrainConfig.read(f)).isEqualTo(c);
    }

    @Test
    void partialConfigFileKeepsTheDefaultsItLeavesOut(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"data\": [\"cifar10:/d\"], \"clusters\": 20, \"augment\": {\"blur\": true}}");
        TrainConfig c = TrainConfig.read(f);
        assertThat(c.clusters()).isEqualTo(20);
        assertThat(c.batchSize()).isEqualTo(256);
        assertThat(c.learningRate()).isEqualTo(3e-4);
        assertThat(c.augment().blur()).isTrue();
        assertThat(c.augment().size()).isEqualTo(32);
        assertThat(c.augment().crop()).isTrue();
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
        assertThatThrownBy(() -> base().clusters(1).build()).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> base().batchSize(1).build()).hasMessageContaining("batch size");
        assertThatThrownBy(() -> base().clusters(64).batchSize(32).build()).hasMessageContaining("must not exceed the batch size");
        assertThatThrownBy(() -> TrainingData.open(TrainConfig.builder().build())).hasMessageContaining("no training data");
        assertThatThrownBy(() -> base().learningRate(Double.NaN).build()).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> base().batchSize(8192).augment(io.cc4j.augment.AugmentConfig.preset("cifar10", 224)).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lower --batch-size");
    }

    @Test
    void paperPresetSetsThePaperConfiguration() {
        TrainConfig c = PaperPreset.of("cifar100").applyTo(base()).build();
        assertThat(c.clusters()).isEqualTo(20);
        assertThat(c.backbone()).isEqualTo(BackboneType.RESNET34);
        assertThat(c.stem()).isEqualTo(Stem.IMAGENET);
        assertThat(c.imageSize()).isEqualTo(224);
        assertThat(c.epochs()).isEqualTo(1000);
        assertThat(c.augment().strength()).isEqualTo(0.5);
        assertThat(c.augment().blur()).isFalse();
        assertThat(c.separateViews()).as("official per-view forward passes").isTrue();
        assertThat(base().build().separateViews()).isFalse();
        assertThat(PaperPreset.of("imagenet-dogs").applyTo(base()).build().augment().blur()).isTrue();
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
        assertThat(c.checkpointMinutes()).isEqualTo(15.0);
        assertThat(c.maxPixels()).isEqualTo(40_000_000L);
        assertThat(c.strict()).isFalse();
        TrainConfig chosen = base().checkpointMinutes(2.5).maxPixels(1000).strict(true).build();
        assertThat(TrainConfig.fromJson(chosen.toJson(), "x")).isEqualTo(chosen);
    }

    @Test
    void checkpointMinutesAndPixelLimitAreChecked() {
        assertThatThrownBy(() -> base().checkpointMinutes(-1).build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--checkpoint-minutes");
        assertThatThrownBy(() -> base().maxPixels(0).build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--max-pixels");
    }
}
