package example;

import io.cc4j.augment.AugmentConfig;
import io.cc4j.data.ImageDecoder;
import io.cc4j.data.InMemoryDataset;
import io.cc4j.data.RawImage;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.Prediction;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.model.BackboneType;
import io.cc4j.model.Stem;
import io.cc4j.train.DataLimits;
import io.cc4j.train.EpochRecord;
import io.cc4j.train.Model;
import io.cc4j.train.Optimisation;
import io.cc4j.train.RunPolicy;
import io.cc4j.train.TrainConfig;
import io.cc4j.train.TrainedModel;
import io.cc4j.train.Trainer;
import io.cc4j.train.TrainingData;
import io.cc4j.train.TrainingListener;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Trains Contrastive Clustering on pictures drawn in memory (red discs, blue squares, green stripes), then assigns
 * them with the model {@code fit} returned, without reading the run back from disk.
 *
 * <pre>java -jar target/train-in-memory.jar WORK_DIR</pre>
 *
 * Writes the run to {@code WORK_DIR/run}, a few of the pictures to {@code WORK_DIR/images} and the clusters the
 * returned model gave them to {@code WORK_DIR/expected-clusters.tsv}, in the format the assign-folder example
 * prints, so that assigning the folder with the saved run can be compared with it. Exits 2 on bad arguments.
 */
public final class TrainInMemory {
    private static final List<String> KINDS = List.of("red-disc", "blue-square", "green-stripes");
    private static final int PER_KIND = 100;
    private static final int PICTURE_SIZE = 32;
    private static final int WRITTEN_PER_KIND = 4;

    private TrainInMemory() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            fail("usage: java -jar train-in-memory.jar WORK_DIR");
        }
        Path work = Path.of(args[0]);
        Path runDir = work.resolve("run");
        if (Files.exists(runDir)) {
            fail(runDir + " exists already: give a new WORK_DIR");
        }

        // 1. Pictures in memory, labelled by kind (the labels only score the result; training does not see them)
        Random random = new Random(42);
        List<BufferedImage> pictures = new ArrayList<>();
        List<RawImage> images = new ArrayList<>();
        int[] kinds = new int[KINDS.size() * PER_KIND];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = i % KINDS.size();
            BufferedImage picture = draw(kinds[i], random);
            pictures.add(picture);
            images.add(ImageDecoder.standard().convert(picture));
        }
        InMemoryDataset dataset = InMemoryDataset.labelled(images, kinds, KINDS);

        // 2. A tiny configuration that trains in seconds on a CPU (a real one: width 64, 32x32 or more, ~1000 epochs)
        TrainConfig config = TrainConfig.builder()
                .set(Model.CLUSTERS, KINDS.size()).set(Model.BACKBONE, BackboneType.RESNET18)
                .set(Model.STEM, Stem.CIFAR).set(Model.WIDTH, 4)
                .augment(AugmentConfig.preset("cifar10", 16))
                .set(Optimisation.BATCH_SIZE, 32).set(Optimisation.EPOCHS, 3).set(Optimisation.LEARNING_RATE, 3e-3)
                .set(RunPolicy.SEED, 7L).set(RunPolicy.THREADS, 1).set(DataLimits.WORKERS, 1)
                .set(RunPolicy.EVAL_EVERY, 0)
                .build();
        TrainingListener progress = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochRecord record) {
                System.out.printf(Locale.ROOT, "epoch %d: loss %.4f%n", record.epoch(), record.totalLoss());
            }
        };

        long start = System.nanoTime();
        try (TrainedModel model = new Trainer(progress).fit(config, TrainingData.of(dataset), runDir)) {
            System.out.printf(Locale.ROOT, "trained %d epochs on %d in-memory images in %.1f s; saved in %s%n",
                    model.result().epochsCompleted(), dataset.size(), (System.nanoTime() - start) / 1e9,
                    model.runDirectory());

            // 3. Predict with the returned model: the whole dataset, then one new picture
            Assignments assigned = model.predict(dataset);
            printTable(kinds, assigned.clusters(), assigned.k());
            ClusteringScores scores = ClusteringScores.of(kinds, assigned.clusters());
            System.out.printf(Locale.ROOT, "NMI %.3f  ACC %.3f  ARI %.3f%n", scores.nmi(), scores.acc(), scores.ari());
            Prediction fresh = model.predict(draw(0, new Random(1)));
            System.out.printf(Locale.ROOT, "a new %s: cluster %d (confidence %.3f)%n", KINDS.get(0), fresh.cluster(),
                    fresh.confidence());

            // 4. A few pictures as files, with the clusters this model gave them, for the assign-folder example
            Path folder = Files.createDirectories(work.resolve("images"));
            int written = 0;
            try (PrintWriter expected = new PrintWriter(Files.newBufferedWriter(work.resolve("expected-clusters.tsv")))) {
                for (int i = 0; i < WRITTEN_PER_KIND * KINDS.size(); i++) {
                    String name = String.format(Locale.ROOT, "%02d-%s.png", i, KINDS.get(kinds[i]));
                    ImageIO.write(pictures.get(i), "png", folder.resolve(name).toFile());
                    Prediction p = model.predict(images.get(i));
                    expected.printf(Locale.ROOT, "%s\t%d\t%.3f%n", name, p.cluster(), p.confidence());
                    written++;
                }
            }
            System.out.printf("wrote %d pictures to %s; assign them with the saved run:%n", written, folder);
            System.out.printf("  java -jar ../assign-folder/target/assign-folder.jar %s %s%n", runDir, folder);
        }
    }

    /** One picture of a kind: position, size, colour and background vary. */
    static BufferedImage draw(int kind, Random random) {
        BufferedImage picture = new BufferedImage(PICTURE_SIZE, PICTURE_SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int grey = 20 + random.nextInt(50);
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(0, 0, PICTURE_SIZE, PICTURE_SIZE);
        int shade = random.nextInt(60);
        switch (kind) {
            case 0 -> {
                int r = 7 + random.nextInt(6);
                int cx = r + random.nextInt(PICTURE_SIZE - 2 * r);
                int cy = r + random.nextInt(PICTURE_SIZE - 2 * r);
                g.setColor(new Color(195 + shade, 30 + shade / 2, 30));
                g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
            }
            case 1 -> {
                int side = 12 + random.nextInt(8);
                int x = random.nextInt(PICTURE_SIZE - side);
                int y = random.nextInt(PICTURE_SIZE - side);
                g.setColor(new Color(30, 60 + shade, 195 + shade));
                g.fillRect(x, y, side, side);
            }
            default -> {
                int period = 4 + random.nextInt(3);
                int phase = random.nextInt(period);
                g.setColor(new Color(40, 170 + shade, 60));
                for (int y = phase; y < PICTURE_SIZE; y += period) {
                    g.fillRect(0, y, PICTURE_SIZE, period / 2);
                }
            }
        }
        g.dispose();
        return picture;
    }

    /** Images of each kind per cluster. */
    private static void printTable(int[] kinds, int[] clusters, int k) {
        int[][] counts = new int[KINDS.size()][k];
        for (int i = 0; i < kinds.length; i++) {
            counts[kinds[i]][clusters[i]]++;
        }
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s", "kind \\ cluster"));
        for (int c = 0; c < k; c++) {
            header.append(String.format(Locale.ROOT, "%6d", c));
        }
        System.out.println(header);
        for (int kind = 0; kind < KINDS.size(); kind++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s", KINDS.get(kind)));
            for (int c = 0; c < k; c++) {
                row.append(String.format(Locale.ROOT, "%6d", counts[kind][c]));
            }
            System.out.println(row);
        }
    }

    private static void fail(String message) {
        System.err.println("train-in-memory: " + message);
        System.exit(2);
    }
}
