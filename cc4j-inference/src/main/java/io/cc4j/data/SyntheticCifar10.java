package io.cc4j.data;

import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a labelled synthetic dataset in CIFAR-10's binary format, for smoke tests, repeatability runs and fault
 * injection where the real data is not at hand. Class {@code c} is a tinted square in one of four positions on
 * a noisy background, so a network can learn to separate the classes in a few epochs. The same seed writes the
 * same bytes.
 *
 * <p>The records are spread over {@code data_batch_1.bin} .. {@code data_batch_5.bin} and {@code test_batch.bin}
 * as evenly as possible, so {@code cifar10:DIR} opens all of them.
 */
public final class SyntheticCifar10 {
    private static final int SIDE = 32;
    private static final int PLANE = SIDE * SIDE;
    private static final int RECORD = 1 + 3 * PLANE;
    private static final String[] FILES = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin",
        "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"};

    private SyntheticCifar10() {
    }

    /**
     * @param dir directory to write the six batch files into (created if needed)
     * @param images number of images, at least 6
     * @param classes number of classes, 2..10
     * @param seed seed of the noise
     * @return the spec to open the data with ({@code cifar10:DIR})
     * @throws InvalidInputException naming the value when images or classes are out of range
     */
    public static String write(Path dir, int images, int classes, long seed) {
        if (images < FILES.length) {
            throw new InvalidInputException("synthetic data needs at least " + FILES.length + " images, got " + images);
        }
        if (classes < 2 || classes > 10) {
            throw new InvalidInputException("synthetic CIFAR-10 data has 2 to 10 classes, got " + classes);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int written = 0;
        for (int f = 0; f < FILES.length; f++) {
            int count = (int) ((long) images * (f + 1) / FILES.length) - written;
            byte[] bytes = new byte[count * RECORD];
            for (int r = 0; r < count; r++) {
                fill(bytes, r * RECORD, (written + r) % classes, random);
            }
            AtomicFiles.write(dir.resolve(FILES[f]), out -> out.write(bytes));
            written += count;
        }
        return "cifar10:" + dir;
    }

    private static void fill(byte[] out, int at, int label, SplittableRandom random) {
        out[at] = (byte) label;
        int half = SIDE / 2;
        int oy = (label / 2 % 2) * half;
        int ox = (label % 2) * half;
        // Classes 4..9 repeat the positions with another tint.
        int tint = label / 4;
        for (int c = 0; c < 3; c++) {
            int base = at + 1 + c * PLANE;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean inside = y >= oy && y < oy + half && x >= ox && x < ox + half;
                    int v = inside ? (c == tint ? 230 : 150) : 40;
                    v += random.nextInt(41) - 20;
                    out[base + y * SIDE + x] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
    }
}
