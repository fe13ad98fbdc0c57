package io.cc4j.report;

import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageGrid;
import io.cc4j.data.InMemoryDataset;
import io.cc4j.data.RawImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A generated run directory and the in-memory dataset it clustered: labelled coloured shapes, a metrics log with
 * evaluation every few epochs, assignments that mostly follow a permutation of the labels, a config and a summary.
 */
final class SyntheticRun {
    static final List<String> CLASSES = List.of("red disc", "green disc", "blue disc", "yellow square",
            "cyan square", "magenta square", "grey ring", "orange bar", "white cross", "purple dot");
    static final int CLASS_COUNT = CLASSES.size();

    private SyntheticRun() {
    }

    /** An in-memory labelled dataset of {@code n} generated 32x32 RGB images. */
    static ImageDataset dataset(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<RawImage> images = new ArrayList<>();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % CLASS_COUNT;
            images.add(draw(labels[i], rnd.split()));
        }
        return InMemoryDataset.labelled(images, labels, CLASSES)
                .withDescription("synthetic shapes (" + n + " images)");
    }

    private static RawImage draw(int cls, SplittableRandom rnd) {
        int[][] colors = {{230, 40, 40}, {40, 200, 40}, {50, 80, 240}, {240, 220, 40}, {40, 220, 220},
            {220, 40, 220}, {150, 150, 150}, {250, 140, 20}, {250, 250, 250}, {130, 50, 180}};
        int s = 32;
        byte[] px = new byte[3 * s * s];
        int cx = 10 + rnd.nextInt(12);
        int cy = 10 + rnd.nextInt(12);
        int r = 5 + rnd.nextInt(5);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int dx = x - cx;
                int dy = y - cy;
                double d = Math.sqrt(dx * dx + dy * dy);
                boolean on = switch (cls / 3) {
                    case 0 -> d <= r;
                    case 1 -> Math.abs(dx) <= r && Math.abs(dy) <= r;
                    default -> switch (cls) {
                        case 6 -> d <= r && d >= r - 3;
                        case 7 -> Math.abs(dy) <= 2 && Math.abs(dx) <= r + 3;
                        case 8 -> Math.abs(dx) <= 1 || Math.abs(dy) <= 1;
                        default -> d <= 3;
                    };
                };
                for (int c = 0; c < 3; c++) {
                    int v = on ? colors[cls][c] : 20 + rnd.nextInt(20);
                    px[(c * s + y) * s + x] = (byte) v;
                }
            }
        }
        return new RawImage(3, s, s, px);
    }

    /**
     * Writes the first {@code n} images of {@code dataset} as PNG files in one sub-folder per class (named after
     * the class), a layout the {@code folder:} dataset spec reads.
     */
    static Path writeFolder(Path dir, ImageDataset dataset, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            Path file = dir.resolve(CLASSES.get(dataset.label(i)).replace(' ', '-'))
                    .resolve(String.format("img-%04d.png", i));
            Files.createDirectories(file.getParent());
            ImageGrid.writePng(ImageGrid.toBufferedImage(dataset.image(i)), file);
        }
        return dir;
    }

    /** Rewrites the config's {@code "data"} specs. */
    static void setDataSpecs(Path runDir, String... specs) throws IOException {
        Path config = runDir.resolve("config.json");
        StringBuilder list = new StringBuilder();
        for (String spec : specs) {
            list.append(list.length() == 0 ? "" : ", ").append('"').append(spec.replace("\\", "\\\\"))
                    .append('"');
        }
        Files.writeString(config, Files.readString(config).replace("[\"synthetic:shapes\"]", "[" + list + "]"));
    }

    /** Writes a complete run directory for {@code dataset} into {@code dir} (created). */
    static Path write(Path dir, ImageDataset dataset, boolean withLabels) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), """
                {"data": ["synthetic:shapes"], "clusters": 10, "epochs": 12, "batch_size": 64,
                 "learning_rate": 0.0003, "augment": {"preset": "cifar", "crop": {"min_scale": 0.2}},
                 "temperatures": [0.5, 1.0], "seed": 42}
                """);
        StringBuilder metrics = new StringBuilder();
        for (int e = 1; e <= 12; e++) {
            double inst = 5.5 * Math.exp(-e / 6.0) + 0.8;
            double clu = 2.3 * Math.exp(-e / 8.0) + 0.4;
            metrics.append(String.format(Locale.ROOT, "{\"epoch\":%d,\"instance_loss\":%.4f,\"cluster_loss\":%.4f,"
                    + "\"total_loss\":%.4f,\"seconds\":%.2f,\"images_per_second\":%.1f", e, inst, clu, inst + clu,
                    10.0 + e % 3, 500.0 + 5 * e));
            if (e % 4 == 0 && withLabels) {
                double q = 1 - Math.exp(-e / 5.0);
                metrics.append(String.format(Locale.ROOT, ",\"nmi\":%.4f,\"acc\":%.4f,\"ari\":%.4f",
                        0.7 * q, 0.75 * q, 0.6 * q));
            }
            metrics.append("}\n");
        }
        Files.writeString(dir.resolve("metrics.jsonl"), metrics);
        SplittableRandom rnd = new SplittableRandom(7);
        int[] perm = {3, 7, 0, 9, 1, 5, 2, 8, 6, 4};
        StringBuilder csv = new StringBuilder(withLabels ? "index,id,cluster,confidence,label\n"
                : "index,id,cluster,confidence\n");
        for (int i = 0; i < dataset.size(); i++) {
            int label = dataset.label(i);
            boolean right = rnd.nextDouble() < 0.8;
            int cluster = right ? perm[label] : rnd.nextInt(CLASS_COUNT);
            double conf = right ? 0.6 + 0.4 * rnd.nextDouble() : 0.15 + 0.4 * rnd.nextDouble();
            csv.append(i).append(',').append(i).append(',').append(cluster).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", conf));
            if (withLabels) {
                csv.append(',').append(label);
            }
            csv.append('\n');
        }
        Files.writeString(dir.resolve("assignments.csv"), csv);
        if (withLabels) {
            Files.writeString(dir.resolve("summary.json"), """
                    {"results": [{"name": "CC cluster head", "nmi": 0.612, "acc": 0.701, "ari": 0.533},
                                 {"name": "k-means on ICH features", "nmi": 0.588, "acc": 0.655, "ari": 0.49},
                                 {"name": "k-means on raw pixels", "nmi": 0.311, "acc": 0.402, "ari": 0.21}],
                     "train_seconds": 137.5, "images": 400, "threads": 2}
                    """);
        }
        return dir;
    }
}
