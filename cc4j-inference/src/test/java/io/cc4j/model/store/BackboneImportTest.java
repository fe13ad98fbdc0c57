package io.cc4j.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import io.cc4j.testing.UsedModels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackboneImportTest {
    private static final ModelSpec R18 = new ModelSpec(BackboneType.RESNET18, Stem.CIFAR, 4, 16, 3, 16);

    private static Map<String, float[]> values(ContrastiveModel model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.namedParameters().forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    /** The source's backbone under torchvision's names with {@code prefix}, a classifier and BatchNorm counters. */
    private static Map<String, NpyArray> torchvisionLayout(ContrastiveModel source, String prefix) {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        NpzExport.arrays(source, BatchNormCounters.none()).forEach((name, a) -> {
            if (name.startsWith("resnet.")) {
                out.put(prefix + name.substring("resnet.".length()), a);
            }
        });
        out.put(prefix + "fc.weight", NpyArray.ofFloats(new long[] {1000, 512}, new float[1000 * 512]));
        out.put(prefix + "fc.bias", NpyArray.ofFloats(new long[] {1000}, new float[1000]));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "resnet.", "encoder.", "module.encoder_q.", "module.encoder.", "backbone.", "module."})
    void everyKnownPrefixIsFoundAndTheBackboneArrivesBitForBit(String prefix) {
        try (ContrastiveModel source = UsedModels.of(R18, 1); ContrastiveModel target = R18.build(2, false)) {
            Map<String, NpyArray> arrays = torchvisionLayout(source, prefix);
            if (prefix.equals("module.encoder_q.")) { // MoCo: a key encoder beside the query encoder, and a queue
                torchvisionLayout(source, "module.encoder_k.").forEach(arrays::put);
                arrays.put("module.queue", NpyArray.ofFloats(new long[] {2}, new float[2]));
            }
            assertThat(BackboneImport.detectPrefix(arrays.keySet(), "w.npz")).isEqualTo(prefix);
            Map<String, float[]> heads = new LinkedHashMap<>(values(target));
            BackboneImport.Result r = BackboneImport.load(arrays, prefix, false, target, "w.npz");
            assertThat(r.prefix()).isEqualTo(prefix);
            assertThat(r.heads()).isFalse();
            Map<String, float[]> expected = values(source);
            values(target).forEach((name, v) -> {
                if (name.startsWith("01backbone")) {
                    assertThat(v).as(name).isEqualTo(expected.get(name));
                } else {
                    assertThat(v).as(name + " keeps its initialisation").isEqualTo(heads.get(name));
                }
            });
            assertThat(r.tensors()).isEqualTo((int) values(target).keySet().stream()
                    .filter(n -> n.startsWith("01backbone")).count());
            assertThat(r.ignored()).isGreaterThanOrEqualTo(2 + 20); // fc, num_batches_tracked (20 BatchNorms)
        }
    }

    @Test
    void theHeadsComeWhenAskedAndMustHaveTheSameK() {
        try (ContrastiveModel source = UsedModels.of(R18, 1); ContrastiveModel target = R18.build(2, false)) {
            Map<String, NpyArray> official = NpzExport.arrays(source, BatchNormCounters.none());
            assertThat(BackboneImport.detectPrefix(official.keySet(), "cc.npz")).isEqualTo("resnet.");
            BackboneImport.Result r = BackboneImport.load(official, "resnet.", true, target, "cc.npz");
            assertThat(r.heads()).isTrue();
            assertThat(values(target)).allSatisfy((name, v) -> assertThat(v).as(name)
                    .isEqualTo(values(source).get(name)));
            ModelSpec k5 = new ModelSpec(BackboneType.RESNET18, Stem.CIFAR, 4, 16, 5, 16);
            try (ContrastiveModel five = k5.build(4, false)) {
                assertThatThrownBy(() -> BackboneImport.load(official, "resnet.", true, five, "cc.npz"))
                        .isInstanceOf(InvalidInputException.class)
                        .hasMessageContaining("initHeads needs the same K")
                        .hasMessageContaining("cluster_projector.2.weight is [3, 32], expected [5, 32]");
                // without the heads the same file fits
                BackboneImport.load(official, "resnet.", false, five, "cc.npz");
            }
        }
    }

    @Test
    void everyMisfitIsListedInOneMessageAndNothingChanges() {
        try (ContrastiveModel source = UsedModels.of(R18, 1); ContrastiveModel target = R18.build(2, false)) {
            Map<String, NpyArray> arrays = torchvisionLayout(source, "encoder.");
            arrays.remove("encoder.layer3.1.bn2.bias");
            arrays.put("encoder.layer5.0.conv1.weight", NpyArray.ofFloats(new long[] {1}, new float[1]));
            arrays.put("encoder.bn1.weight", NpyArray.ofFloats(new long[] {5}, new float[5]));
            arrays.put("encoder.conv1.weight", NpyArray.unsupported("<f8", new long[] {4, 3, 3, 3}));
            Map<String, float[]> before = values(target);
            assertThatThrownBy(() -> BackboneImport.load(arrays, "encoder.", false, target, "w.npz"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("w.npz does not fit the backbone of resnet18 with the cifar stem, width 4")
                    .hasMessageContaining("under the prefix 'encoder.'")
                    .hasMessageContaining("missing 1: encoder.layer3.1.bn2.bias")
                    .hasMessageContaining("unexpected 1: encoder.layer5.0.conv1.weight")
                    .hasMessageContaining("mis-shaped 1: encoder.bn1.weight is [5], expected [4]")
                    .hasMessageContaining("wrong type 1: encoder.conv1.weight is '<f8', expected float32");
            values(target).forEach((name, v) -> assertThat(v).as(name).isEqualTo(before.get(name)));
        }
    }

    @Test
    void anotherArchitectureIsNamedBeforeTheList() {
        ModelSpec r34 = new ModelSpec(BackboneType.RESNET34, Stem.IMAGENET, 4, 16, 3, 32);
        try (ContrastiveModel source = UsedModels.of(r34, 1); ContrastiveModel target = R18.build(2, false)) {
            Map<String, NpyArray> arrays = torchvisionLayout(source, "");
            assertThat(BackboneImport.architecture(arrays, "")).contains("resnet34 with the imagenet stem at width 4");
            assertThatThrownBy(() -> BackboneImport.load(arrays, "", false, target, "r34.npz"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("(it holds a resnet34 with the imagenet stem at width 4 backbone; set backbone,"
                            + " stem and width to match)")
                    .hasMessageContaining("unexpected");
        }
    }

    @Test
    void aPrefixIsDetectedOnlyWhenExactlyOneFits() {
        assertThatThrownBy(() -> BackboneImport.detectPrefix(List.of("a.weight", "b.weight"), "x.npz"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("x.npz holds no ResNet backbone")
                .hasMessageContaining("its first names: a.weight, b.weight")
                .hasMessageContaining("initPrefix");
        assertThatThrownBy(() -> BackboneImport.detectPrefix(List.of("encoder.conv1.weight",
                "encoder.layer1.0.conv1.weight", "backbone.conv1.weight", "backbone.layer1.0.conv1.weight"), "y.npz"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("several prefixes (encoder., backbone.)");
    }
}
