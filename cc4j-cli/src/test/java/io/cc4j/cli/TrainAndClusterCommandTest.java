package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cc4j.data.FashionMnist;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cc4j train} and {@code cc4j cluster} end to end on real Fashion-MNIST test images (installed by
 * {@code scripts/install-fashion-mnist.sh}, which .ci/run calls), 1-2 epochs of a tiny network.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainAndClusterCommandTest {
    @TempDir
    static Path tmp;
    static String spec;
    static Path run;

    @BeforeAll
    static void data() throws IOException {
        Path dir = FashionMnist.defaultDirectory().orElse(null);
        assumeTrue(dir != null, "Fashion-MNIST not installed: run scripts/install-fashion-mnist.sh (CI does)");
        // A 300-image slice in the real IDX format keeps the end-to-end run fast.
        spec = "fashion-mnist-test:" + dir;
        run = tmp.resolve("run");
    }

    @Test
    @Order(1)
    void trainWritesRunDirectoryAndReport() {
        CliRun.Result r = CliRun.once("train", "--data", spec, "--limit", "128", "--clusters", "10", "--out", run.toString(),
                "--width", "4", "--size", "16", "--batch-size", "32", "--epochs", "1", "--threads", "1",
                "--eval-subset", "100", "--no-finish");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("trained 1 epochs");
        assertThat(run.resolve("config.json")).exists();
        assertThat(run.resolve("metrics.jsonl")).exists();
        assertThat(run.resolve("checkpoints/epoch-00001.ckpt")).exists();
        CliRun.Result resumed = CliRun.once("train", "--resume", run.toString(), "--epochs", "2", "--no-finish");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("trained 2 epochs");
        CliRun.Result changed = CliRun.once("train", "--resume", run.toString(), "--epochs", "3", "--lr", "0.1");
        assertThat(changed.code()).isEqualTo(2);
        assertThat(changed.err()).contains("--lr");
        CliRun.Result done = CliRun.once("train", "--resume", run.toString(), "--no-finish");
        assertThat(done.code()).isEqualTo(2);
        assertThat(done.err()).contains("already trained 2 of 2 epochs");
        assertThat(run.resolve("checkpoints/epoch-00002.ckpt")).exists();
        // The library refuses a second run in the directory; the command line says how to continue the first.
        CliRun.Result again = CliRun.once("train", "--data", spec, "--limit", "128", "--out", run.toString(),
                "--width", "4", "--size", "16", "--batch-size", "32", "--epochs", "1", "--threads", "1");
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains(run + " already holds a training run")
                .contains("continue it with: cc4j train --resume " + run);
    }

    @Test
    @Order(2)
    void clusterWritesAssignmentsInRangeAndEvaluates() throws IOException {
        Path csv = tmp.resolve("a.csv");
        Path npy = tmp.resolve("f.npy");
        CliRun.Result r = CliRun.once("cluster", "--model", run.toString(), "--data", "idx:" + fileOf("t10k-images-idx3-ubyte.gz")
                + "," + fileOf("t10k-labels-idx1-ubyte.gz"), "--out", csv.toString(), "--probabilities",
                "--features", npy.toString(), "--evaluate");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("NMI").contains("ACC").contains("ARI");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("index,id,cluster,confidence,label,p0,");
        assertThat(lines).hasSize(10_001);
        for (String line : lines.subList(1, lines.size())) {
            int cluster = Integer.parseInt(line.split(",")[2]);
            assertThat(cluster).isBetween(0, 9);
        }
        byte[] head = Files.readAllBytes(npy);
        assertThat(new String(head, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        assertThat(new String(head, 10, 80, StandardCharsets.US_ASCII)).contains("(10000, 128)");

        CliRun.Result eval = CliRun.once("evaluate", "--predictions", csv.toString(), "--json");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("\"n\"").contains("10000");

        // Without saved centroids the library says when they are saved; the command line names the command.
        CliRun.Result none = CliRun.once("cluster", "--model", run.toString(), "--data", spec, "--out",
                tmp.resolve("none.csv").toString(), "--method", "kmeans", "--saved-centroids");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("they are saved when the run's images are clustered with k-means")
                .contains("run 'cc4j cluster --model " + run + " --method kmeans --on instance' first");

        CliRun.Result km = CliRun.once("cluster", "--model", run.toString(), "--data", spec, "--out", tmp.resolve("k.csv").toString(),
                "--method", "kmeans", "--restarts", "2", "--evaluate");
        assertThat(km.code()).as(km.err()).isZero();
        assertThat(km.out()).contains("NMI");
        assertThat(run.resolve("kmeans-instance.json")).as("the ablation keeps its centroids").exists();

        // The saved centroids assign the same data to the same clusters without fitting again.
        Path again = tmp.resolve("k2.csv");
        CliRun.Result saved = CliRun.once("cluster", "--model", run.toString(), "--data", spec, "--out", again.toString(),
                "--method", "kmeans", "--saved-centroids");
        assertThat(saved.code()).as(saved.err()).isZero();
        List<String> fitted = Files.readAllLines(tmp.resolve("k.csv"));
        List<String> reused = Files.readAllLines(again);
        assertThat(reused).hasSameSizeAs(fitted);
        int same = 0;
        for (int i = 1; i < fitted.size(); i++) {
            same += fitted.get(i).split(",")[2].equals(reused.get(i).split(",")[2]) ? 1 : 0;
        }
        // Lloyd's final labels are the nearest centroids, up to float ties.
        assertThat(same).isGreaterThanOrEqualTo((fitted.size() - 1) * 999 / 1000);
    }

    private static Path fileOf(String name) {
        return FashionMnist.defaultDirectory().orElseThrow().resolve(name);
    }

    @Test
    @Order(3)
    void badInputsExitWithCodeTwoAndNameTheProblem() throws IOException {
        assertThat(CliRun.once("cluster", "--model", tmp.resolve("missing").toString(), "--out", "x.csv"))
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo(2);
                    assertThat(r.err()).contains("run directory not found");
                });
        CliRun.Result k1 = CliRun.once("train", "--data", spec, "--clusters", "1", "--out", tmp.resolve("k1").toString());
        assertThat(k1.code()).isEqualTo(2);
        assertThat(k1.err()).contains("cc4j: error: --clusters must be at least 2, got 1");
        CliRun.Result kBig = CliRun.once("train", "--data", spec, "--clusters", "64", "--batch-size", "32", "--out", tmp.resolve("k64").toString());
        assertThat(kBig.code()).isEqualTo(2);
        assertThat(kBig.err()).contains("cc4j: error: --clusters (64) must not exceed --batch-size (32)");
        CliRun.Result b1 = CliRun.once("train", "--data", spec, "--batch-size", "1", "--clusters", "2", "--out", tmp.resolve("b1").toString());
        assertThat(b1.code()).isEqualTo(2);
        assertThat(b1.err()).contains("cc4j: error: --batch-size must be at least 2, got 1");
        CliRun.Result lr = CliRun.once("train", "--data", spec, "--lr", "-1", "--out", tmp.resolve("lr").toString());
        assertThat(lr.code()).isEqualTo(2);
        assertThat(lr.err()).contains("cc4j: error: --lr must be > 0, got -1.0");
        CliRun.Result missingData = CliRun.once("train", "--data", "cifar10:" + tmp.resolve("nope"), "--out", tmp.resolve("m").toString());
        assertThat(missingData.code()).isEqualTo(2);
        assertThat(missingData.err()).contains(tmp.resolve("nope").toString());

        Path ckpt = run.resolve("checkpoints/epoch-00002.ckpt");
        byte[] bytes = Files.readAllBytes(ckpt);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(ckpt, bytes);
        CliRun.Result corrupt = CliRun.once("cluster", "--model", run.toString(), "--out", tmp.resolve("c.csv").toString());
        assertThat(corrupt.code()).isEqualTo(2);
        assertThat(corrupt.err()).contains(ckpt.toString()).contains("corrupt");
    }
}
