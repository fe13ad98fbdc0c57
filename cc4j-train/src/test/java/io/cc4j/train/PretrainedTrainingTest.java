package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Parameter;
import io.cc4j.InvalidInputException;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.augment.ViewBatch;
import io.cc4j.engine.EngineSupport;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.InputNormalization;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.NpyArray;
import io.cc4j.model.store.NpzFile;
import io.cc4j.model.store.StoredModel;
import io.cc4j.model.store.WeightsOrigin;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.run.RunLayout;
import io.cc4j.testing.TinyIdx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that start from other weights: the settings' rules, the normalisation a source declares, a frozen backbone
 * that stays bit for bit what it was, the backbone's own learning rate, the record of the source in the run, and a
 * resume that does not read the source again.
 */
class PretrainedTrainingTest {
    @TempDir
    static Path tmp;
    static String spec;
    static Path source;

    @BeforeAll
    static void sourceRun() throws IOException {
        spec = TinyIdx.write(tmp.resolve("data"), 64, 16, 4, 1);
        source = tmp.resolve("source");
        new Trainer(null).train(tiny().set(Optimisation.EPOCHS, 1).build(), source).close();
    }

    static TrainConfig.Builder tiny() {
        return TrainConfig.builder().set(DataLimits.DATA, List.of(spec)).set(Model.CLUSTERS, 4)
                .set(Model.BACKBONE, BackboneType.RESNET18).set(Model.STEM, Stem.CIFAR).set(Model.WIDTH, 4)
                .augment(AugmentConfig.preset("fashion-mnist", 16)).set(Optimisation.BATCH_SIZE, 16)
                .set(Optimisation.EPOCHS, 2).set(Optimisation.LEARNING_RATE, 1e-3).set(RunPolicy.THREADS, 1)
                .set(DataLimits.WORKERS, 1).set(RunPolicy.EVAL_EVERY, 0).set(RunPolicy.CHECKPOINT_EVERY, 1);
    }

    private static Map<String, float[]> values(ContrastiveModel model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.namedParameters().forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    private static Map<String, float[]> newestValues(Path run) {
        StoredModel stored = RunLayout.of(run).newestModel();
        try (ContrastiveModel m = stored.model()) {
            return values(m);
        }
    }

    @Test
    void theSettingsThatContradictEachOtherAreRefused() {
        assertThatThrownBy(() -> tiny().set(Pretrained.FREEZE_BACKBONE, true).set(Pretrained.BACKBONE_LR_SCALE, 0.1)
                .build()).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("backboneLrScale sets the learning rate of a backbone that trains; with"
                        + " freezeBackbone it does not train");
        assertThatThrownBy(() -> tiny().set(Pretrained.INIT_HEADS, true).build())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("set initBackbone too");
        assertThatThrownBy(() -> tiny().set(Pretrained.BACKBONE_LR_SCALE, 1.5).build())
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("in (0, 1]");
    }

    @Test
    void theNormalisationIsWhatTheSourceDeclaresUnlessGiven() throws IOException {
        assertThat(tiny().build().get(Model.NORMALIZATION)).isSameAs(InputNormalization.NONE);
        assertThat(tiny().set(Pretrained.INIT_BACKBONE, source.toString()).build().get(Model.NORMALIZATION))
                .as("a run's model").isSameAs(InputNormalization.NONE);
        Path bare = tmp.resolve("bare.npz");
        NpzFile.write(bare, Map.of("conv1.weight", NpyArray.ofFloats(new long[] {1}, new float[1])));
        assertThatThrownBy(() -> tiny().set(Pretrained.INIT_BACKBONE, bare.toString()).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("bare.npz has no sidecar saying which input normalisation its weights expect:"
                        + " set normalization");
        assertThat(tiny().set(Pretrained.INIT_BACKBONE, bare.toString()).set(Model.NORMALIZATION,
                InputNormalization.IMAGENET).build().get(Model.NORMALIZATION)).isSameAs(InputNormalization.IMAGENET);
        Path withSidecar = tmp.resolve("declared.npz");
        Files.copy(bare, withSidecar);
        Files.writeString(tmp.resolve("declared.json"), "{\"format\": \"cc4j-backbone-npz\", \"format_version\": 1,"
                + " \"backbone\": \"resnet18\", \"stem\": \"cifar\", \"width\": 4, \"normalize\": {\"mean\": [0.485,"
                + " 0.456, 0.406], \"std\": [0.229, 0.224, 0.225]}}");
        TrainConfig c = tiny().set(Pretrained.INIT_BACKBONE, withSidecar.toString()).build();
        assertThat(c.get(Model.NORMALIZATION)).isSameAs(InputNormalization.IMAGENET);
        assertThat(c.modelSpec().normalization()).isSameAs(InputNormalization.IMAGENET);
        assertThat(c.toJson()).contains("\"normalization\" : \"imagenet\"").contains("\"init_backbone\" : \"");
        assertThat(TrainConfig.fromJson(c.toJson(), "again")).isEqualTo(c);
    }

    @Test
    void aFrozenBackboneStaysWhatItWasAndTheRunRecordsItsSourceAcrossAResume() throws IOException {
        Path copy = tmp.resolve("source-copy");
        copyRun(source, copy);
        Path run = tmp.resolve("frozen");
        TrainConfig config = tiny().set(Pretrained.INIT_BACKBONE, copy.toString())
                .set(Pretrained.FREEZE_BACKBONE, true).set(Optimisation.EPOCHS, 1).build();
        new Trainer(null).train(config, run).close();
        Map<String, float[]> from = newestValues(source);
        Map<String, float[]> trained = newestValues(run);
        trained.forEach((name, v) -> {
            if (name.startsWith("01backbone")) {
                assertThat(v).as(name + " (parameters and BatchNorm statistics)").isEqualTo(from.get(name));
            }
        });
        assertThat(trained.get("03clusterHead_02output_weight")).isNotEqualTo(from.get("03clusterHead_02output_weight"));
        Checkpoint.Header header = Checkpoint.open(RunLayout.of(run).checkpoints().latest().orElseThrow()).header();
        WeightsOrigin origin = header.provenance().initialWeights();
        assertThat(origin.kind()).isEqualTo("run");
        assertThat(origin.source()).isEqualTo(copy.toString());
        assertThat(origin.heads()).isFalse();
        assertThat(Files.readString(RunLayout.of(run).config())).contains("\"init_backbone\" : \"" + copy)
                .contains("\"freeze_backbone\" : true");

        // The source is gone: resuming must not need it, and keeps the record.
        deleteRecursively(copy);
        new Trainer(null).resume(run, 2).close();
        Checkpoint.Header resumed = Checkpoint.open(RunLayout.of(run).checkpoints().latest().orElseThrow()).header();
        assertThat(resumed.epoch()).isEqualTo(2);
        assertThat(resumed.provenance().initialWeights()).isEqualTo(origin);
        newestValues(run).forEach((name, v) -> {
            if (name.startsWith("01backbone")) {
                assertThat(v).as(name).isEqualTo(from.get(name));
            }
        });
    }

    @Test
    void weightsThatDoNotFitLeaveNoRunBehind() {
        Path run = tmp.resolve("refused");
        TrainConfig config = tiny().set(Pretrained.INIT_BACKBONE, source.toString()).set(Model.WIDTH, 8).build();
        assertThatThrownBy(() -> new Trainer(null).train(config, run)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("the model of run " + source)
                .hasMessageContaining("(it holds a resnet18 with the cifar stem at width 4 backbone; set backbone,"
                        + " stem and width to match)")
                .hasMessageContaining("mis-shaped");
        assertThat(run).doesNotExist();
    }

    @Test
    void theHeadsComeFromARunWhenAsked() {
        Path run = tmp.resolve("with-heads");
        // lr so small that one epoch leaves the heads where they started, to the float
        new Trainer(null).train(tiny().set(Pretrained.INIT_BACKBONE, source.toString())
                .set(Pretrained.INIT_HEADS, true).set(Pretrained.FREEZE_BACKBONE, true)
                .set(Optimisation.LEARNING_RATE, 1e-30).set(Optimisation.EPOCHS, 1).build(), run).close();
        Map<String, float[]> from = newestValues(source);
        newestValues(run).forEach((name, v) -> assertThat(v).as(name).isEqualTo(from.get(name)));
    }

    @Test
    void aFrozenStepUpdatesTheHeadsOnlyAndTheBackbonesRateIsItsOwn() {
        ModelSpec s = new ModelSpec(BackboneType.RESNET18, Stem.CIFAR, 2, 8, 3, 8);
        ViewBatch views = randomViews(4, 8);
        var engine = EngineSupport.engine();
        try (ContrastiveModel frozen = s.build(1, false); ContrastiveModel full = s.build(1, false);
                ContrastiveModel scaled = s.build(1, false);
                AdamOptimizer a1 = AdamOptimizer.builder().build(); AdamOptimizer a2 = AdamOptimizer.builder().build();
                AdamOptimizer a3 = AdamOptimizer.builder().optRateScale(scaled.backboneParameters(), 0.1).build();
                TrainingStep f = new TrainingStep(engine, frozen, a1, 0.5f, 1f, true);
                TrainingStep u = new TrainingStep(engine, full, a2, 0.5f, 1f);
                TrainingStep c = new TrainingStep(engine, scaled, a3, 0.5f, 1f)) {
            Map<String, float[]> before = values(frozen);
            assertThat(values(full)).allSatisfy((k, v) -> assertThat(v).isEqualTo(before.get(k)));
            f.run(views, false, 1, 0);
            u.run(views, false, 1, 0);
            c.run(views, false, 1, 0);
            assertThat(TrainingStep.optimised(frozen, true)).hasSize(8).allMatch(p -> !isBackbone(frozen, p));
            Map<String, float[]> afterFrozen = values(frozen);
            Map<String, float[]> afterFull = values(full);
            Map<String, float[]> afterScaled = values(scaled);
            for (String name : before.keySet()) {
                if (name.startsWith("01backbone")) {
                    assertThat(afterFrozen.get(name)).as(name).isEqualTo(before.get(name));
                    if (name.endsWith("_weight") && name.contains("Conv2d")) {
                        double dFull = maxAbsDelta(before.get(name), afterFull.get(name));
                        double dScaled = maxAbsDelta(before.get(name), afterScaled.get(name));
                        assertThat(dScaled / dFull).as(name).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-3));
                    }
                } else {
                    assertThat(afterFrozen.get(name)).as(name).isNotEqualTo(before.get(name));
                    assertThat(afterScaled.get(name)).as(name + " at the full rate").isEqualTo(afterFull.get(name));
                }
            }
            Parameter conv = scaled.namedParameters().get("01backbone_01stem_01Conv2d_weight");
            assertThat(a3.learningRateOf(conv)).isCloseTo(3e-5, org.assertj.core.data.Offset.offset(1e-18));
        }
    }

    private static boolean isBackbone(ContrastiveModel model, Parameter p) {
        return model.backboneParameters().contains(p);
    }

    private static double maxAbsDelta(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    private static ViewBatch randomViews(int n, int size) {
        SplittableRandom random = new SplittableRandom(9);
        float[] data = new float[2 * n * 3 * size * size];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble();
        }
        return new ViewBatch(n, 3, size, data);
    }

    private static void copyRun(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
