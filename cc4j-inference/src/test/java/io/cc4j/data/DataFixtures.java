package io.cc4j.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/** Writes small files in the real on-disk formats for the reader tests. */
final class DataFixtures {
    private DataFixtures() {
    }

    /** A pixel value that differs with image, channel, row and column (and is not symmetric in x, y). */
    static int pixel(int image, int c, int y, int x) {
        return (image * 7 + c * 50 + y * 3 + x * 5) & 0xFF;
    }

    /** CIFAR record: label bytes, then R, G, B planes of 32x32 row-major. */
    static byte[] cifarRecords(int firstImage, int[]... labelBytes) {
        int n = labelBytes.length;
        int head = labelBytes[0].length;
        ByteBuffer buf = ByteBuffer.allocate(n * (head + 3072));
        for (int r = 0; r < n; r++) {
            for (int b : labelBytes[r]) {
                buf.put((byte) b);
            }
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        buf.put((byte) pixel(firstImage + r, c, y, x));
                    }
                }
            }
        }
        return buf.array();
    }

    /**
     * Writes the six CIFAR-10 batches; batch b (1..5, test = 6) holds {@code perBatch} images numbered
     * consecutively, image i with label i % 10.
     */
    static void writeCifar10(Path dir, int perBatch) throws IOException {
        Files.createDirectories(dir);
        for (int b = 1; b <= 6; b++) {
            int first = (b - 1) * perBatch;
            int[][] labels = new int[perBatch][];
            for (int r = 0; r < perBatch; r++) {
                labels[r] = new int[] {(first + r) % 10};
            }
            String name = b == 6 ? "test_batch.bin" : "data_batch_" + b + ".bin";
            Files.write(dir.resolve(name), cifarRecords(first, labels));
        }
    }

    /** STL-10 images: each channel column-major, so disk byte (c, x, y) is pixel (y, x). */
    static byte[] stlImages(int firstImage, int count) {
        ByteBuffer buf = ByteBuffer.allocate(count * 3 * 96 * 96);
        for (int i = 0; i < count; i++) {
            for (int c = 0; c < 3; c++) {
                for (int x = 0; x < 96; x++) {
                    for (int y = 0; y < 96; y++) {
                        buf.put((byte) pixel(firstImage + i, c, y, x));
                    }
                }
            }
        }
        return buf.array();
    }

    /** An IDX images file: magic 0x00000803, count, rows, cols, then pixel(i, 0, y, x). */
    static byte[] idxImages(int count, int rows, int cols) {
        ByteBuffer buf = ByteBuffer.allocate(16 + count * rows * cols);
        buf.putInt(0x00000803).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    buf.put((byte) pixel(i, 0, y, x));
                }
            }
        }
        return buf.array();
    }

    /** An IDX labels file: magic 0x00000801, count, then the labels. */
    static byte[] idxLabels(int... labels) {
        ByteBuffer buf = ByteBuffer.allocate(8 + labels.length);
        buf.putInt(0x00000801).putInt(labels.length);
        for (int l : labels) {
            buf.put((byte) l);
        }
        return buf.array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** Writes an RGB image whose pixel (y, x) is (pixel(seed,0,y,x), pixel(seed,1,y,x), pixel(seed,2,y,x)). */
    static Path writeRgb(Path file, int seed, int width, int height, String format) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, (pixel(seed, 0, y, x) << 16) | (pixel(seed, 1, y, x) << 8) | pixel(seed, 2, y, x));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, format, file.toFile());
        return file;
    }
}
