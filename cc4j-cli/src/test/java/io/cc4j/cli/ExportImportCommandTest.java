package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.Stem;
import io.cc4j.model.store.BatchNormCounters;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.store.NpyArray;
import io.cc4j.model.store.NpzExport;
import io.cc4j.model.store.NpzFile;
import io.cc4j.model.store.TorchScriptExport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cc4j import} and {@code cc4j export}: npz weights (written through the library) become a run directory
 * that cluster, report and train --resume accept, export gives the same bytes back, and bad input exits 2
 * naming the file and the tensors.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExportImportCommandTest {
    private static final ModelSpec SPEC = new ModelSpec(BackboneType.RESNET18, Stem.CIFAR, 4, 128, 3, 16);

    @TempDir
    static Path tmp;
    static Path npz;
    static Path images;
    static Path run;

    @BeforeAll
    static void weightsAndImages() throws IOException {
        npz = tmp.resolve("weights.npz");
        try (ContrastiveModel model = SPEC.build(3, false)) {
            NpzExport.write(model, SPEC, BatchNormCounters.none(), "test", npz);
        }
        // 256 random 16x16 grey images in IDX format: one training batch for train --resume.
        int n = 256;
        ByteBuffer idx = ByteBuffer.allocate(16 + n * 16 * 16).putInt(0x00000803).putInt(n).putInt(16).putInt(16);
        byte[] pixels = new byte[n * 16 * 16];
        new Random(1).nextBytes(pixels);
        images = tmp.resolve("images-idx3-ubyte");
        Files.write(images, idx.put(pixels).array());
        run = tmp.resolve("run");
    }

    @Test
    @Order(1)
    void importMakesARunThatClusterReportAndResumeAccept() {
        CliRun.Result imported = CliRun.once("import", "--npz", npz.toString(), "--backbone", "resnet18", "--stem",
                "cifar", "--clusters", "3", "--size", "16", "--width", "4", "--data", "idx:" + images, "--out",
                run.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("resnet18 with the cifar stem, width 4, K 3").contains("input 16x16")
                .contains("epoch-00000.ckpt");

        CliRun.Result clustered = CliRun.once("cluster", "--model", run.toString(), "--out",
                tmp.resolve("a.csv").toString());
        assertThat(clustered.code()).as(clustered.err()).isZero();
        assertThat(tmp.resolve("a.csv")).exists();
        CliRun.Result report = CliRun.once("report", run.toString(), "--no-images");
        assertThat(report.code()).as(report.err()).isZero();
        CliRun.Result resumed = CliRun.once("train", "--resume", run.toString(), "--epochs", "1", "--no-finish");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("trained 1 epochs");
        assertThat(run.resolve("checkpoints/epoch-00001.ckpt")).exists();
    }

    @Test
    @Order(2)
    void exportOfTheImportedWeightsGivesTheSameBytes() throws IOException {
        Path fresh = tmp.resolve("fresh");
        assertThat(CliRun.once("import", "--npz", npz.toString(), "--backbone", "resnet18", "--stem", "cifar",
                "--clusters", "3", "--size", "16", "--width", "4", "--out", fresh.toString()).code()).isZero();
        Path again = tmp.resolve("again.npz");
        CliRun.Result exported = CliRun.once("export", "--model", fresh.toString(), "--format", "npz", "--out",
                again.toString());
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("again.json");
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(npz));
        assertThat(Files.readString(tmp.resolve("again.json"))).contains("\"input_size\" : 16");
    }

    @Test
    @Order(3)
    void weightsThatDoNotFitExitTwoListingEveryTensor() {
        Map<String, NpyArray> arrays = new LinkedHashMap<>(NpzFile.read(npz));
        arrays.remove("resnet.layer2.0.downsample.1.running_var");
        arrays.put("resnet.fc.bias", NpyArray.ofFloats(new long[] {3}, new float[3]));
        arrays.put("resnet.bn1.weight", NpyArray.ofFloats(new long[] {5}, new float[5]));
        Path bad = tmp.resolve("bad.npz");
        NpzFile.write(bad, arrays);
        CliRun.Result r = CliRun.once("import", "--npz", bad.toString(), "--backbone", "resnet18", "--stem", "cifar",
                "--clusters", "3", "--size", "16", "--width", "4", "--out", tmp.resolve("bad-run").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(bad.toString()).contains("missing 1: resnet.layer2.0.downsample.1.running_var")
                .contains("unexpected 1: resnet.fc.bias").contains("resnet.bn1.weight is [5], expected [4]");
        assertThat(r.err().lines().filter(l -> l.startsWith("cc4j: error")).count()).isEqualTo(1);
        assertThat(tmp.resolve("bad-run")).doesNotExist();

        CliRun.Result wrongK = CliRun.once("import", "--npz", npz.toString(), "--backbone", "resnet18", "--stem",
                "cifar", "--clusters", "4", "--size", "16", "--width", "4", "--out", tmp.resolve("k4").toString());
        assertThat(wrongK.code()).isEqualTo(2);
        assertThat(wrongK.err()).contains("cluster_projector.2.weight is [3, 32], expected [4, 32]")
                .contains("its sidecar weights.json describes resnet18 with the cifar stem, width 4, K 3");
        CliRun.Result missing = CliRun.once("import", "--npz", tmp.resolve("none.npz").toString(), "--backbone",
                "resnet18", "--stem", "cifar", "--clusters", "3", "--size", "16", "--out", tmp.resolve("n").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("none.npz");
        CliRun.Result taken = CliRun.once("import", "--npz", npz.toString(), "--backbone", "resnet18", "--stem",
                "cifar", "--clusters", "3", "--size", "16", "--width", "4", "--out", run.toString());
        assertThat(taken.code()).isEqualTo(2);
        assertThat(taken.err()).contains("already holds a run");
    }

    @Test
    @Order(4)
    void exportFormatsAndAMissingPythonAreExplained() {
        CliRun.Result onnx = CliRun.once("export", "--model", run.toString(), "--format", "onnx", "--out",
                tmp.resolve("m.onnx").toString());
        assertThat(onnx.code()).isEqualTo(2);
        assertThat(onnx.err()).contains("unknown --format 'onnx'");
        String previous = System.getProperty(TorchScriptExport.PYTHON_PROPERTY);
        System.setProperty(TorchScriptExport.PYTHON_PROPERTY, tmp.resolve("no-python").toString());
        try {
            CliRun.Result ts = CliRun.once("export", "--model", run.toString(), "--format", "torchscript", "--out",
                    tmp.resolve("m.pt").toString());
            assertThat(ts.code()).isEqualTo(2);
            assertThat(ts.err()).contains("python3-torch python3-torchvision");
            assertThat(tmp.resolve("m.pt")).doesNotExist();
        } finally {
            if (previous == null) {
                System.clearProperty(TorchScriptExport.PYTHON_PROPERTY);
            } else {
                System.setProperty(TorchScriptExport.PYTHON_PROPERTY, previous);
            }
        }
    }
}
