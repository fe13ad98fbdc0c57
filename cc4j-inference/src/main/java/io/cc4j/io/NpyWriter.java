package io.cc4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a float32 matrix as a NumPy {@code .npy} file (format version 1.0, little-endian, C order), so
 * features load with {@code numpy.load} for any downstream analysis.
 */
public final class NpyWriter {
    private NpyWriter() {
    }

    /**
     * @param file target file, written atomically
     * @param data rows x cols values, row-major
     * @param rows row count
     * @param cols column count
     */
    public static void write(Path file, float[] data, int rows, int cols) {
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("matrix " + rows + "x" + cols + " does not match " + data.length + " values");
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        // Header (magic 6 + version 2 + length 2 + dict + newline) is padded with spaces to a multiple of 64.
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        AtomicFiles.write(file, out -> {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            int len = header.length();
            out.write(len & 0xFF);
            out.write((len >>> 8) & 0xFF);
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : data) {
                if (!buf.hasRemaining()) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(v);
            }
            out.write(buf.array(), 0, buf.position());
        });
    }
}
