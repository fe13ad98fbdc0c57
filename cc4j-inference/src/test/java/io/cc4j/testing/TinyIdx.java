package io.cc4j.testing;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes small labelled datasets in the real IDX format (as MNIST / Fashion-MNIST ship), with
 * class-dependent patterns: class c has a bright block in one of four positions, plus noise.
 */
public final class TinyIdx {
    private TinyIdx() {
    }

    /**
     * @return the spec {@code idx:IMAGES,LABELS} of the written files
     */
    public static String write(Path dir, int n, int size, int classes, long seed) throws IOException {
        Files.createDirectories(dir);
        Path images = dir.resolve("images-idx3-ubyte");
        Path labels = dir.resolve("labels-idx1-ubyte");
        Random r = new Random(seed);
        byte[] px = new byte[n * size * size];
        byte[] lb = new byte[n];
        int half = size / 2;
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            lb[i] = (byte) c;
            int oy = (c / 2 % 2) * half;
            int ox = (c % 2) * half;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    boolean in = y >= oy && y < oy + half && x >= ox && x < ox + half;
                    int v = (in ? 200 : 30) + r.nextInt(40) - 20 + (c >= 4 ? 20 : 0);
                    px[i * size * size + y * size + x] = (byte) Math.max(0, Math.min(255, v));
                }
            }
        }
        try (OutputStream o = Files.newOutputStream(images); DataOutputStream d = new DataOutputStream(o)) {
            d.writeInt(0x00000803);
            d.writeInt(n);
            d.writeInt(size);
            d.writeInt(size);
            d.write(px);
        }
        try (OutputStream o = Files.newOutputStream(labels); DataOutputStream d = new DataOutputStream(o)) {
            d.writeInt(0x00000801);
            d.writeInt(n);
            d.write(lb);
        }
        return "idx:" + images + "," + labels;
    }
}
