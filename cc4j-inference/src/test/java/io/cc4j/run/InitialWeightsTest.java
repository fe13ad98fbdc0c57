package io.cc4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.InputNormalization;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import io.cc4j.model.store.BatchNormCounters;
import io.cc4j.model.store.NpyArray;
import io.cc4j.model.store.NpzExport;
import io.cc4j.model.store.NpzFile;
import io.cc4j.model.store.WeightsOrigin;
import io.cc4j.testing.UsedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitialWeightsTest {
    private static final ModelSpec R18 = new ModelSpec(BackboneType.RESNET18, Stem.CIFAR, 4, 16, 3, 16);

    @TempDir
    Path tmp;

    private Path backboneNpz(String name, String prefix) {
        Path npz = tmp.resolve(name + ".npz");
        try (ContrastiveModel source = UsedModels.of(R18, 1)) {
            Map<String, NpyArray> out = new LinkedHashMap<>();
            NpzExport.arrays(source, BatchNormCounters.none()).forEach((k, a) -> {
                if (k.startsWith("resnet.")) {
                    out.put(prefix + k.substring("resnet.".length()), a);
                }
            });
            NpzFile.write(npz, out);
        }
        return npz;
    }

    @Test
    void anNpzWithoutSidecarDeclaresNothingAndItsPrefixIsFound() {
        Path npz = backboneNpz("simclr", "encoder.");
        assertThat(InitialWeights.declaredNormalization(npz.toString())).isEmpty();
        try (ContrastiveModel target = R18.build(2, false)) {
            WeightsOrigin o = InitialWeights.load(npz.toString(), InitialWeights.DETECT, false, target);
            assertThat(o.kind()).isEqualTo("npz");
            assertThat(o.prefix()).isEqualTo("encoder.");
            assertThat(o.sha256()).hasSize(64);
            assertThat(o.normalization()).isNull();
            assertThat(o.describe()).contains("from " + npz).contains("(prefix 'encoder.')");
        }
        try (ContrastiveModel target = R18.build(2, false)) {
            assertThat(InitialWeights.load(npz.toString(), "encoder", false, target).prefix()).isEqualTo("encoder.");
            assertThatThrownBy(() -> InitialWeights.load(npz.toString(), InitialWeights.NO_PREFIX, false, target))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing");
        }
    }

    @Test
    void theScriptsSidecarNamesTheNormalisation() throws IOException {
        Path npz = backboneNpz("r18", "");
        Files.writeString(tmp.resolve("r18.json"), """
                {"format": "cc4j-backbone-npz", "format_version": 1, "backbone": "resnet18", "stem": "cifar",
                 "width": 4, "normalize": {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
                 "name": "imagenet"}, "source": "test"}
                """);
        assertThat(InitialWeights.declaredNormalization(npz.toString())).contains(InputNormalization.IMAGENET);
        try (ContrastiveModel target = R18.build(2, false)) {
            assertThat(InitialWeights.load(npz.toString(), InitialWeights.DETECT, false, target).normalization())
                    .isEqualTo("imagenet");
        }
    }

    @Test
    void aRunDirectoryGivesItsModelsBackboneAndNormalisation() {
        Path run = tmp.resolve("run");
        ModelSpec spec = R18.withNormalization(InputNormalization.parse("mean=0.5,std=0.25"));
        try (ContrastiveModel model = UsedModels.of(spec, 3)) {
            io.cc4j.model.store.Checkpoint.write(RunLayout.of(run).checkpoints().fileFor(1), 1, spec,
                    new io.cc4j.model.store.Provenance("t", "d", "e", "c", java.util.List.of()), "{}",
                    out -> io.cc4j.model.store.ParameterFile.write(out, model), out -> { });
        }
        assertThat(InitialWeights.declaredNormalization(run.toString())).contains(spec.normalization());
        try (ContrastiveModel target = R18.build(2, false)) {
            WeightsOrigin o = InitialWeights.load(run.toString(), InitialWeights.DETECT, true, target);
            assertThat(o.kind()).isEqualTo("run");
            assertThat(o.file()).endsWith("epoch-00001.ckpt");
            assertThat(o.heads()).isTrue();
            assertThat(o.normalization()).isEqualTo("mean=0.5,0.5,0.5,std=0.25,0.25,0.25");
            assertThatThrownBy(() -> InitialWeights.load(run.toString(), "encoder.", false, target))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("is a run directory");
        }
    }

    @Test
    void missingSourcesAndPyTorchFilesAreRefusedByName() throws IOException {
        assertThatThrownBy(() -> InitialWeights.declaredNormalization(tmp.resolve("nope.npz").toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("initial weights not found");
        Path pth = Files.writeString(tmp.resolve("r50.pth"), "x");
        assertThatThrownBy(() -> InitialWeights.declaredNormalization(pth.toString()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is a PyTorch file").hasMessageContaining("scripts/state-dict-to-npz.py");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> InitialWeights.declaredNormalization(empty.toString()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("holds no trained model");
    }
}
