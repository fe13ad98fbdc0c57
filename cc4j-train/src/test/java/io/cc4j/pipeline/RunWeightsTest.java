package io.cc4j.pipeline;

import io.cc4j.augment.Augmentation;
import io.cc4j.train.DataLimits;
import io.cc4j.train.Optimisation;
import io.cc4j.train.Model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.NpyArray;
import io.cc4j.model.store.NpzFile;
import io.cc4j.model.store.NpzImport;
import io.cc4j.model.store.ParameterFile;
import io.cc4j.model.store.Provenance;
import io.cc4j.model.store.WeightsSidecar;
import io.cc4j.run.RunLayout;
import io.cc4j.testing.UsedModels;
import io.cc4j.train.AdamOptimizer;
import io.cc4j.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunWeightsTest {
    private static final ModelSpec SPEC = new ModelSpec(BackboneType.RESNET50, Stem.IMAGENET, 4, 8, 3, 24);
    private static final Provenance PROVENANCE = new Provenance("test", "0.36.0", "PyTorch 2.7.1", "2026-12-01", List.of());

    @TempDir
    static Path tmp;
    static Path run;

    /** A run directory as training leaves it: config and a checkpoint of epoch 3 with used BatchNorm statistics. */
    @BeforeAll
    static void trainedRun() {
        run = tmp.resolve("run");
        TrainConfig config = TrainConfig.builder().set(DataLimits.DATA, List.of("idx:/not/opened")).set(Model.CLUSTERS, 3).set(Model.BACKBONE, BackboneType.RESNET50)
                .set(Model.STEM, Stem.IMAGENET).set(Model.WIDTH, 4).set(Model.FEATURE_DIM, 8).augment(AugmentConfig.builder().set(Augmentation.SIZE, 24).build())
                .set(Optimisation.BATCH_SIZE, 8).build();
        try (ContrastiveModel model = UsedModels.of(SPEC, 5);
                AdamOptimizer adam = AdamOptimizer.builder().build()) {
            Checkpoint.write(RunLayout.of(run).checkpoints().fileFor(3), 3, SPEC, PROVENANCE, config.toJson(),
                    out -> ParameterFile.write(out, model), adam::writeState);
        }
    }

    @Test
    void exportImportExportIsBitIdentical() throws IOException {
        Path first = tmp.resolve("first.npz");
        WeightsSidecar sidecar = RunWeights.exportNpz(run, first);
        assertThat(sidecar.spec()).isEqualTo(SPEC);
        assertThat(WeightsSidecar.read(WeightsSidecar.pathFor(first))).isEqualTo(sidecar);
        Path imported = tmp.resolve("imported");
        RunWeights.importNpz(first, SPEC, List.of(), imported);
        Path second = tmp.resolve("second.npz");
        RunWeights.exportNpz(imported, second);
        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(WeightsSidecar.read(WeightsSidecar.pathFor(second)).spec()).isEqualTo(SPEC);
    }

    @Test
    void theInputNormalisationTravelsThroughExportAndImport() {
        ModelSpec normalised = SPEC.withNormalization(io.cc4j.model.InputNormalization.IMAGENET);
        Path source = tmp.resolve("normalised-run");
        try (ContrastiveModel model = UsedModels.of(normalised, 6);
                AdamOptimizer adam = AdamOptimizer.builder().build()) {
            Checkpoint.write(RunLayout.of(source).checkpoints().fileFor(1), 1, normalised, PROVENANCE, "{}",
                    out -> ParameterFile.write(out, model), adam::writeState);
        }
        Path npz = tmp.resolve("normalised.npz");
        assertThat(RunWeights.exportNpz(source, npz).spec()).isEqualTo(normalised);
        assertThat(RunWeights.sidecarNormalization(npz)).contains(io.cc4j.model.InputNormalization.IMAGENET);
        Path imported = tmp.resolve("normalised-imported");
        RunWeights.importNpz(npz, normalised, List.of(), imported);
        assertThat(Checkpoint.open(RunLayout.of(imported).checkpoints().latest().orElseThrow()).header().model())
                .isEqualTo(normalised);
        assertThat(TrainConfig.read(RunLayout.of(imported).config()).get(Model.NORMALIZATION))
                .isSameAs(io.cc4j.model.InputNormalization.IMAGENET);
        assertThat(RunWeights.sidecarNormalization(tmp.resolve("no-such.npz"))).isEmpty();
    }

    @Test
    void batchNormCountsSurviveImportAndExportOfTheSameEpochOnly() throws IOException {
        Path exported = tmp.resolve("counted.npz");
        RunWeights.exportNpz(run, exported);
        Map<String, NpyArray> arrays = new LinkedHashMap<>(NpzFile.read(exported));
        arrays.replaceAll((name, a) -> name.endsWith("num_batches_tracked") ? NpyArray.scalar(name.length() * 1000L) : a);
        Path counted = tmp.resolve("official-like.npz");
        NpzFile.write(counted, arrays);
        Path imported = tmp.resolve("counted-run");
        RunWeights.importNpz(counted, SPEC, List.of(), imported);
        Path again = tmp.resolve("again.npz");
        RunWeights.exportNpz(imported, again);
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(counted));

        // One more epoch (here: the same weights saved as epoch 1): cc4j did not count, so the counts are 0.
        try (ContrastiveModel model = SPEC.build(1, false); AdamOptimizer adam = AdamOptimizer.builder().build()) {
            NpzImport.load(arrays, model, "counted");
            Checkpoint.write(RunLayout.of(imported).checkpoints().fileFor(1), 1, SPEC, PROVENANCE,
                    Files.readString(imported.resolve("config.json")), out -> ParameterFile.write(out, model),
                    adam::writeState);
        }
        Path later = tmp.resolve("later.npz");
        RunWeights.exportNpz(imported, later);
        assertThat(NpzFile.read(later).get("resnet.bn1.num_batches_tracked").longs()).containsExactly(0L);
        assertThat(NpzFile.read(later).get("resnet.bn1.weight")).isEqualTo(arrays.get("resnet.bn1.weight"));
    }

    @Test
    void importedRunStartsAtEpochZeroWithFreshAdamState() {
        Path exported = tmp.resolve("fresh.npz");
        RunWeights.exportNpz(run, exported);
        Path imported = tmp.resolve("fresh-run");
        Path checkpoint = RunWeights.importNpz(exported, SPEC, List.of("fashion-mnist-test:/data"), imported);
        assertThat(checkpoint).isEqualTo(RunLayout.of(imported).checkpoints().fileFor(0));
        Checkpoint.Verified verified = Checkpoint.open(checkpoint);
        assertThat(verified.header().epoch()).isZero();
        TrainConfig config = TrainConfig.fromJson(verified.header().configJson(), "checkpoint");
        assertThat(config.get(DataLimits.DATA)).containsExactly("fashion-mnist-test:/data");
        assertThat(config.get(Model.BACKBONE)).isEqualTo(BackboneType.RESNET50);
        assertThat(config.get(Model.STEM)).isEqualTo(Stem.IMAGENET);
        assertThat(List.of(config.get(Model.WIDTH), config.get(Model.FEATURE_DIM), config.get(Model.CLUSTERS), config.imageSize()))
                .containsExactly(4, 8, 3, 24);
        try (ContrastiveModel model = SPEC.build(9, false); AdamOptimizer adam = AdamOptimizer.builder().build()) {
            verified.readSections(in -> ParameterFile.read(in, model), adam::readState);
            assertThat(adam.getStepCount()).isZero();
        }
    }

    @Test
    void importRefusesADirectoryHoldingARunAndMisfittingWeights() {
        Path exported = tmp.resolve("refused.npz");
        RunWeights.exportNpz(run, exported);
        assertThatThrownBy(() -> RunWeights.importNpz(exported, SPEC, List.of(), run))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already holds a run");
        ModelSpec wrongK = new ModelSpec(BackboneType.RESNET50, Stem.IMAGENET, 4, 8, 5, 24);
        Path target = tmp.resolve("wrong-k");
        assertThatThrownBy(() -> RunWeights.importNpz(exported, wrongK, List.of(), target))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cluster_projector.2.weight is [3, 128], expected [5, 128]")
                .hasMessageContaining("cluster_projector.2.bias is [3], expected [5]")
                .hasMessageContaining("its sidecar refused.json describes resnet50 with the imagenet stem, width 4, K 3");
        assertThat(target).doesNotExist();
    }
}
