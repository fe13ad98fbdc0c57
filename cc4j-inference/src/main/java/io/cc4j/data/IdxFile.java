package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file (the MNIST format) of unsigned bytes: a magic number {@code 0x0000 08 NN} (type 0x08 =
 * unsigned byte, NN dimensions), NN big-endian 32-bit sizes, then the data. Plain files are memory-mapped;
 * gzip files (recognised by their content, not their name) are decompressed to memory, which suits the
 * MNIST-sized files this format is used for.
 *
 * @param records the file's data as records of one item each (one image or one label)
 * @param dims the declared sizes, first = item count
 */
record IdxFile(RecordFile records, int[] dims) {
    private static final int UNSIGNED_BYTE = 0x08;

    /**
     * Reads and checks the header of {@code file}.
     *
     * @param expectedDims 3 for images (magic 0x00000803), 1 for labels (magic 0x00000801)
     * @throws InvalidInputException naming the file on a missing file, a wrong magic number, or a size that
     *     does not match the header
     */
    static IdxFile open(Path file, int expectedDims) {
        DataFiles.requireFile(file);
        try {
            return isGzip(file) ? fromBytes(file, decompress(file, expectedDims), expectedDims)
                    : mapped(file, expectedDims);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
    }

    private static IdxFile mapped(Path file, int expectedDims) throws IOException {
        int headerBytes = 4 + 4 * expectedDims;
        ByteBuffer header = ByteBuffer.allocate(headerBytes);
        long length;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            length = ch.size();
            while (header.hasRemaining() && ch.read(header) >= 0) {
                // keep reading until the header is complete or the file ends
            }
        }
        int[] dims = parseHeader(file, Arrays.copyOf(header.array(), header.position()), expectedDims);
        checkLength(file, dims, headerBytes, length);
        return new IdxFile(RecordFile.map(file, headerBytes, itemBytes(dims)), dims);
    }

    private static IdxFile fromBytes(Path file, byte[] bytes, int expectedDims) {
        int headerBytes = 4 + 4 * expectedDims;
        int[] dims = parseHeader(file, Arrays.copyOf(bytes, Math.min(bytes.length, headerBytes)), expectedDims);
        checkLength(file, dims, headerBytes, bytes.length);
        return new IdxFile(RecordFile.ofBytes(file.toString(), bytes, headerBytes, itemBytes(dims)), dims);
    }

    private static int[] parseHeader(Path file, byte[] header, int expectedDims) {
        if (header.length < 4) {
            throw new InvalidInputException("IDX file " + file + " is truncated: " + header.length
                    + " bytes, too short for the 4-byte magic number");
        }
        ByteBuffer buf = ByteBuffer.wrap(header);
        int magic = buf.getInt();
        int expected = (UNSIGNED_BYTE << 8) | expectedDims;
        if (magic != expected) {
            throw new InvalidInputException(String.format(
                    "wrong IDX magic number 0x%08X in %s: expected 0x%08X (unsigned bytes, %d dimension%s, %s)",
                    magic, file, expected, expectedDims, expectedDims == 1 ? "" : "s",
                    expectedDims == 1 ? "labels" : "images"));
        }
        if (header.length < 4 + 4 * expectedDims) {
            throw new InvalidInputException("IDX file " + file + " is truncated inside its header");
        }
        int[] dims = new int[expectedDims];
        for (int d = 0; d < expectedDims; d++) {
            dims[d] = buf.getInt();
            if (dims[d] < 0 || (d > 0 && dims[d] == 0)) {
                throw new InvalidInputException("IDX file " + file + " declares an invalid size " + dims[d]
                        + " in dimension " + d);
            }
        }
        return dims;
    }

    private static void checkLength(Path file, int[] dims, long headerBytes, long actual) {
        long expected = headerBytes + (long) dims[0] * itemBytes(dims);
        if (actual != expected) {
            throw new InvalidInputException("IDX file " + file + " has a wrong size: its header declares "
                    + describe(dims) + ", which needs " + expected + " bytes, but it holds " + actual
                    + (actual < expected ? " (truncated)" : ""));
        }
    }

    private static int itemBytes(int[] dims) {
        long n = 1;
        for (int d = 1; d < dims.length; d++) {
            n *= dims[d];
        }
        if (n > Integer.MAX_VALUE) {
            throw new InvalidInputException("IDX item of " + n + " bytes is too large");
        }
        return (int) n;
    }

    private static String describe(int[] dims) {
        if (dims.length == 1) {
            return dims[0] + " labels";
        }
        StringBuilder sb = new StringBuilder().append(dims[0]).append(" items of ");
        for (int d = 1; d < dims.length; d++) {
            sb.append(d > 1 ? "x" : "").append(dims[d]);
        }
        return sb.toString();
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /**
     * Decompresses a gzip IDX file, reading no more than its header declares (plus one byte to notice extra data),
     * into memory that grows with what is actually read: a damaged header or a gzip bomb cannot make it allocate
     * more than the data holds.
     */
    private static byte[] decompress(Path file, int expectedDims) {
        int headerBytes = 4 + 4 * expectedDims;
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] header = in.readNBytes(headerBytes);
            int[] dims = parseHeader(file, header, expectedDims);
            long expected = headerBytes + (long) dims[0] * itemBytes(dims);
            if (expected > MAX_IN_MEMORY) {
                throw new InvalidInputException("IDX file " + file + " declares " + describe(dims) + " (" + expected
                        + " bytes), too large to decompress into memory; decompress it (gunzip) so that it is"
                        + " memory-mapped");
            }
            byte[] body = in.readNBytes((int) (expected - headerBytes + 1));
            byte[] all = Arrays.copyOf(header, headerBytes + body.length);
            System.arraycopy(body, 0, all, headerBytes, body.length);
            return all;
        } catch (IOException e) {
            throw new InvalidInputException("corrupt gzip file " + file + ": " + ImageDecoder.reason(e), e);
        }
    }

    /** The largest decompressed IDX file held in one array. */
    private static final long MAX_IN_MEMORY = Integer.MAX_VALUE - 16;
}
