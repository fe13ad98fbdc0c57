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
import java.util.Map;
import org.junit.jupiter.api.Test;

class NpzImportTest {
    private static final ModelSpec R18 = new ModelSpec(BackboneType.RESNET18, Stem.CIFAR, 4, 16, 3, 16);

    private static Map<String, float[]> values(ContrastiveModel model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        model.namedParameters().forEach((k, p) -> out.put(k, p.getArray().toFloatArray()));
        return out;
    }

    @Test
    void importedParametersAreTheExportedOnesBitForBit() {
        try (ContrastiveModel source = UsedModels.of(R18, 1); ContrastiveModel target = R18.build(2, false)) {
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("resnet.bn1.num_batches_tracked", 17L);
            counts.put("resnet.layer4.1.bn2.num_batches_tracked", 1L << 40);
            Map<String, NpyArray> arrays = NpzExport.arrays(source, BatchNormCounters.of(counts));
            assertThat(values(target).get("01backbone_01stem_02BatchNorm_runningMean"))
                    .isNotEqualTo(values(source).get("01backbone_01stem_02BatchNorm_runningMean"));
            BatchNormCounters read = NpzImport.load(arrays, target, "test arrays");
            Map<String, float[]> expected = values(source);
            values(target).forEach((name, v) -> assertThat(v).as(name).isEqualTo(expected.get(name)));
            assertThat(read.count("resnet.bn1.num_batches_tracked")).isEqualTo(17L);
            assertThat(read.count("resnet.layer4.1.bn2.num_batches_tracked")).isEqualTo(1L << 40);
            assertThat(read.count("resnet.layer1.0.bn1.num_batches_tracked")).isZero();
            assertThat(NpzExport.arrays(target, read)).isEqualTo(arrays);
        }
    }

    @Test
    void everyMisfitIsListedInOneMessageAndNothingChanges() {
        try (ContrastiveModel source = UsedModels.of(R18, 1); ContrastiveModel target = R18.build(2, false)) {
            Map<String, NpyArray> arrays = new LinkedHashMap<>(NpzExport.arrays(source, BatchNormCounters.none()));
            arrays.remove("resnet.layer3.1.bn2.bias");
            arrays.remove("cluster_projector.0.weight");
            arrays.put("resnet.fc.weight", NpyArray.ofFloats(new long[] {1}, new float[] {0}));
            arrays.put("instance_projector.2.bias", NpyArray.ofFloats(new long[] {15}, new float[15]));
            arrays.put("resnet.conv1.weight", NpyArray.unsupported("<f8", new long[] {4, 3, 3, 3}));
            arrays.put("resnet.bn1.num_batches_tracked", NpyArray.ofFloats(new long[0], new float[] {3}));
            Map<String, float[]> before = values(target);
            assertThatThrownBy(() -> NpzImport.load(arrays, target, "w.npz"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("w.npz does not fit resnet18 with the cifar stem, width 4, K 3")
                    .hasMessageContaining("missing 2: resnet.layer3.1.bn2.bias, cluster_projector.0.weight")
                    .hasMessageContaining("unexpected 1: resnet.fc.weight")
                    .hasMessageContaining("mis-shaped 1: instance_projector.2.bias is [15], expected [16]")
                    .hasMessageContaining("resnet.conv1.weight is '<f8', expected float32")
                    .hasMessageContaining("resnet.bn1.num_batches_tracked is float32, expected int64");
            values(target).forEach((name, v) -> assertThat(v).as(name).isEqualTo(before.get(name)));
        }
    }

    @Test
    void weightsOfAnotherBackboneAreRefusedNamingTheirTensors() {
        try (ContrastiveModel r18 = R18.build(1, false);
                ContrastiveModel r34 = new ModelSpec(BackboneType.RESNET34, Stem.CIFAR, 4, 16, 3, 16).build(1, false)) {
            Map<String, NpyArray> arrays = NpzExport.arrays(r18, BatchNormCounters.none());
            assertThatThrownBy(() -> NpzImport.load(arrays, r34, "r18.npz"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("r18.npz does not fit resnet34")
                    .hasMessageContaining("resnet.layer1.2.conv1.weight")
                    .hasMessageContaining("resnet.layer3.5.bn2.num_batches_tracked");
        }
    }
}
