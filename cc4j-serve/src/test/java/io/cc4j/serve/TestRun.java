package io.cc4j.serve;

import io.cc4j.train.RunPolicy;
import io.cc4j.train.DataLimits;
import io.cc4j.train.Optimisation;
import io.cc4j.train.Model;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cc4j.augment.AugmentConfig;
import io.cc4j.data.FashionMnist;
import io.cc4j.data.IdxDataset;
import io.cc4j.data.ImageGrid;
import io.cc4j.data.RawImage;
import io.cc4j.data.Split;
import io.cc4j.pipeline.RunFinisher;
import io.cc4j.train.TrainConfig;
import io.cc4j.train.Trainer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A real, tiny trained run shared by the server's tests: a 4-wide ResNet-18 trained for one epoch on the first 512
 * Fashion-MNIST test images (written as IDX files), then finished as {@code cc4j train} finishes a run:
 * {@code assignments.csv}, {@code summary.json} and the report with its galleries. Trained once per JVM (a few
 * seconds); the tests are skipped with a message where Fashion-MNIST is not installed.
 */
final class TestRun {
    static final int IMAGES = 512;
    static final int CLUSTERS = 10;

    private static Path run;
    private static IdxDataset slice;

    private TestRun() {
    }

    /** @return the run directory, trained on first use */
    static synchronized Path get() {
        if (run == null) {
            Path dir = FashionMnist.defaultDirectory().orElse(null);
            assumeTrue(dir != null, "Fashion-MNIST is not installed (Debian package dataset-fashion-mnist;"
                    + " scripts/install-test-deps.sh installs it): the server tests are skipped");
            try {
                Path root = Files.createTempDirectory("cc4j-serve-test-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
                String spec = writeSlice(FashionMnist.open(dir, Split.TEST), root.resolve("data"));
                slice = IdxDataset.open(root.resolve("data/images-idx3-ubyte"), root.resolve("data/labels-idx1-ubyte"));
                Path out = root.resolve("run");
                TrainConfig config = TrainConfig.builder().set(DataLimits.DATA, List.of(spec)).set(Model.CLUSTERS, CLUSTERS).set(Model.WIDTH, 4)
                        .augment(AugmentConfig.preset("fashion-mnist", 28)).set(Optimisation.BATCH_SIZE, 64).set(Optimisation.EPOCHS, 1).set(RunPolicy.SEED, 7L)
                        .set(RunPolicy.THREADS, 2).set(RunPolicy.EVAL_SUBSET, IMAGES).build();
                new Trainer(null).train(config, out).close();
                RunFinisher.finish(out, line -> { });
                run = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return run;
    }

    /** @return image {@code i} of the training slice, as stored */
    static RawImage image(int i) {
        get();
        return slice.image(i);
    }

    /** @return image {@code i} of the training slice as a PNG file's bytes */
    static byte[] png(int i) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(ImageGrid.toBufferedImage(image(i)), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String writeSlice(IdxDataset all, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path images = dir.resolve("images-idx3-ubyte");
        Path labels = dir.resolve("labels-idx1-ubyte");
        try (OutputStream o = Files.newOutputStream(images); DataOutputStream d = new DataOutputStream(o)) {
            d.writeInt(0x00000803);
            d.writeInt(IMAGES);
            d.writeInt(28);
            d.writeInt(28);
            for (int i = 0; i < IMAGES; i++) {
                d.write(all.image(i).pixels());
            }
        }
        try (OutputStream o = Files.newOutputStream(labels); DataOutputStream d = new DataOutputStream(o)) {
            d.writeInt(0x00000801);
            d.writeInt(IMAGES);
            for (int i = 0; i < IMAGES; i++) {
                d.writeByte(all.label(i));
            }
        }
        return "idx:" + images + "," + labels;
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: it is a temporary directory.
        }
    }
}
