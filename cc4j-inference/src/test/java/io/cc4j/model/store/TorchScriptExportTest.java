package io.cc4j.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cc4j.InvalidInputException;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.InputNormalization;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import io.cc4j.testing.PythonReference;
import io.cc4j.testing.UsedModels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptExportTest {
    private static final ModelSpec SPEC = new ModelSpec(BackboneType.RESNET18, Stem.IMAGENET, 4, 16, 3, 32);

    @TempDir
    Path tmp;

    @Test
    void withoutPythonTheMessageSaysWhatToInstall() {
        String previous = System.getProperty(TorchScriptExport.PYTHON_PROPERTY);
        System.setProperty(TorchScriptExport.PYTHON_PROPERTY, tmp.resolve("no-python").toString());
        try {
            assertThat(TorchScriptExport.findPython()).isEmpty();
            assertThatThrownBy(() -> TorchScriptExport.convert(tmp.resolve("m.npz"), tmp.resolve("m.pt")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("python3-torch python3-torchvision")
                    .hasMessageContaining("The npz format needs neither");
        } finally {
            if (previous == null) {
                System.clearProperty(TorchScriptExport.PYTHON_PROPERTY);
            } else {
                System.setProperty(TorchScriptExport.PYTHON_PROPERTY, previous);
            }
        }
    }

    @Test
    void tracedModuleReturnsWhatCc4jComputes() throws IOException, InterruptedException {
        traced(SPEC);
    }

    @Test
    void aModelWithInputNormalisationSaysSoAndTheTracedModuleAppliesIt() throws IOException, InterruptedException {
        ModelSpec normalised = SPEC.withNormalization(InputNormalization.parse("mean=0.4,0.5,0.6,std=0.2,0.25,0.3"));
        String printed = traced(normalised);
        assertThat(printed).contains("normalised inside with mean [0.4, 0.5, 0.6] std [0.2, 0.25, 0.3]");
        WeightsSidecar sidecar = WeightsSidecar.read(tmp.resolve("m.json"));
        assertThat(sidecar.spec()).isEqualTo(normalised);
        assertThat(sidecar.testTransform().normalize().mean()).containsExactly(0.4, 0.5, 0.6);
        assertThat(sidecar.testTransform().torchvision()).endsWith("transforms.ToTensor(), transforms.Normalize("
                + "mean=[0.4, 0.5, 0.6], std=[0.2, 0.25, 0.3])])");
        assertThat(WeightsSidecar.of(SPEC, "x").testTransform().normalize()).isNull();
        assertThat(WeightsSidecar.of(SPEC.withNormalization(InputNormalization.IMAGENET), "x").toJson())
                .contains("\"name\" : \"imagenet\"");
    }

    private String traced(ModelSpec spec) throws IOException, InterruptedException {
        PythonReference.assumeAvailable();
        Path npz = tmp.resolve("m.npz");
        Path pt = tmp.resolve("out/m.pt");
        float[] x = new float[2 * 3 * 32 * 32];
        Random random = new Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        float[] z;
        float[] y;
        try (ContrastiveModel model = UsedModels.of(spec, 4); NDManager scope = model.manager().newSubManager()) {
            NpzExport.write(model, spec, BatchNormCounters.none(), "test", npz);
            NDList out = model.inferAll(scope.create(x, new Shape(2, 3, 32, 32)));
            z = out.get(1).toFloatArray();
            y = out.get(2).toFloatArray();
        }
        String printed = TorchScriptExport.convert(npz, pt);
        assertThat(printed).contains("returns (z, c)").contains("resnet18 with the imagenet stem, width 4, K 3");
        Path inputs = tmp.resolve("x.npz");
        NpzFile.write(inputs, Map.of("x", NpyArray.ofFloats(new long[] {2, 3, 32, 32}, x)));
        Path outputs = tmp.resolve("zc.npz");
        PythonReference.run(PythonReference.HELPERS.resolve("torchscript_outputs.py"), pt.toString(),
                inputs.toString(), outputs.toString());
        Map<String, NpyArray> traced = NpzFile.read(outputs);
        assertThat(traced.get("z").shape()).containsExactly(2, 16);
        assertThat(traced.get("c").shape()).containsExactly(2, 3);
        float[] tz = traced.get("z").floats();
        float[] tc = traced.get("c").floats();
        for (int i = 0; i < z.length; i++) {
            assertThat(tz[i]).isCloseTo(z[i], within(1e-4f));
        }
        for (int i = 0; i < y.length; i++) {
            assertThat(tc[i]).isCloseTo(y[i], within(1e-4f));
        }
        return printed;
    }

    @Test
    void weightsThatDoNotFitAreRefusedByTheScriptAsBadInput() {
        PythonReference.assumeAvailable();
        Path npz = tmp.resolve("bad.npz");
        NpzFile.write(npz, Map.of("resnet.conv1.weight", NpyArray.ofFloats(new long[] {1}, new float[1])));
        assertThatThrownBy(() -> TorchScriptExport.convert(npz, tmp.resolve("bad.pt")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("bad.npz");
    }
}
