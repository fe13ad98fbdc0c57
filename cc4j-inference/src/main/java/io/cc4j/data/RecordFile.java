package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A file of fixed-size records after an optional header, read by record index without loading the file onto
 * the Java heap: the file is memory-mapped in chunks of at most 1 GiB, so files beyond 2 GB (STL-10's
 * unlabeled split is 2.8 GB) work, and a record may straddle two chunks.
 *
 * <p>Reads use absolute {@link ByteBuffer} gets only, so one instance serves concurrent readers. {@link #close()}
 * releases the maps at once ({@link MappedBuffers}); it waits for reads in progress, and a read after it fails with
 * an {@link IllegalStateException} rather than touching released memory.
 */
public final class RecordFile implements AutoCloseable {
    /** How long {@link #close()} waits for reads in progress before leaving the maps to the garbage collector. */
    private static final long CLOSE_WAIT_NANOS = 10_000_000_000L;

    /** Default chunk length of one mapping. */
    static final long DEFAULT_CHUNK = 1L << 30;

    private final String name;
    private final long headerBytes;
    private final int recordBytes;
    private final long records;
    private final long chunk;
    private final ByteBuffer[] chunks;
    // Reads in progress, and whether close() began: a read counts itself in, then checks the flag (both are
    // sequentially consistent), so close() never unmaps under a read.
    private final java.util.concurrent.atomic.AtomicInteger readers = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closed;

    private RecordFile(String name, ByteBuffer[] chunks, long chunk, long length, long headerBytes, int recordBytes) {
        if (recordBytes < 1) {
            throw new IllegalArgumentException("record length must be positive: " + recordBytes);
        }
        this.name = name;
        this.chunks = chunks;
        this.chunk = chunk;
        this.headerBytes = headerBytes;
        this.recordBytes = recordBytes;
        long body = length - headerBytes;
        if (body < 0) {
            throw new InvalidInputException(name + " is truncated: " + length + " bytes, shorter than its "
                    + headerBytes + "-byte header");
        }
        if (body % recordBytes != 0) {
            throw new InvalidInputException(name + " has a wrong size: " + body + " data bytes is not a multiple of the "
                    + recordBytes + "-byte record (truncated or not this format)");
        }
        this.records = body / recordBytes;
    }

    /**
     * Memory-maps {@code file} as records of {@code recordBytes} after {@code headerBytes} of header.
     *
     * @throws InvalidInputException when the file is missing, unreadable, or its size is not header plus a whole
     *     number of records
     */
    public static RecordFile map(Path file, long headerBytes, int recordBytes) {
        return map(file, headerBytes, recordBytes, DEFAULT_CHUNK);
    }

    /** As {@link #map(Path, long, int)} with a chosen chunk length (small chunks let tests cross boundaries). */
    static RecordFile map(Path file, long headerBytes, int recordBytes, long chunk) {
        DataFiles.requireFile(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            if (length == 0) {
                throw new InvalidInputException(file + " is empty");
            }
            if ((length - headerBytes) % recordBytes != 0 || length < headerBytes) {
                // Checked before mapping, so that a wrong file maps nothing.
                return new RecordFile(file.toString(), new ByteBuffer[0], chunk, length, headerBytes, recordBytes);
            }
            List<ByteBuffer> maps = new ArrayList<>();
            try {
                for (long pos = 0; pos < length; pos += chunk) {
                    maps.add(ch.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(chunk, length - pos)));
                }
            } catch (IOException | RuntimeException e) {
                maps.forEach(MappedBuffers::unmap);
                throw e;
            }
            return new RecordFile(file.toString(), maps.toArray(new ByteBuffer[0]), chunk, length, headerBytes,
                    recordBytes);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + io.cc4j.io.AtomicFiles.describe(e), e);
        }
    }

    /**
     * Wraps bytes already in memory (for example a decompressed gzip file) with the same record view.
     *
     * @param name the file name used in error messages
     */
    public static RecordFile ofBytes(String name, byte[] bytes, long headerBytes, int recordBytes) {
        ByteBuffer[] one = {ByteBuffer.wrap(bytes)};
        return new RecordFile(name, one, Math.max(1, bytes.length), bytes.length, headerBytes, recordBytes);
    }

    /** The file name, for messages. */
    public String name() {
        return name;
    }

    /** Number of whole records after the header. */
    public long records() {
        return records;
    }

    /** Bytes per record. */
    public int recordBytes() {
        return recordBytes;
    }

    /** Unsigned value of byte {@code offset} within record {@code record}. */
    public int unsignedByte(long record, int offset) {
        long pos = position(record, offset, 1);
        enter();
        try {
            return chunks[(int) (pos / chunk)].get((int) (pos % chunk)) & 0xFF;
        } catch (InternalError e) {
            throw changed(e);
        } finally {
            readers.decrementAndGet();
        }
    }

    /** Copies {@code length} bytes from {@code offset} within record {@code record} into {@code dst}. */
    public void read(long record, int offset, byte[] dst, int dstOffset, int length) {
        long pos = position(record, offset, length);
        enter();
        try {
            int done = 0;
            while (done < length) {
                int c = (int) (pos / chunk);
                int within = (int) (pos % chunk);
                int n = Math.min(length - done, chunks[c].capacity() - within);
                chunks[c].get(within, dst, dstOffset + done, n);
                done += n;
                pos += n;
            }
        } catch (InternalError e) {
            throw changed(e);
        } finally {
            readers.decrementAndGet();
        }
    }

    private void enter() {
        readers.incrementAndGet();
        if (closed) {
            readers.decrementAndGet();
            throw new IllegalStateException(name + " was closed");
        }
    }

    /** The JVM turns a SIGBUS on a mapped file that shrank under it into an InternalError. */
    private InvalidInputException changed(InternalError e) {
        return new InvalidInputException(name + " changed while it was being read (truncated by another program?)",
                e);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Releases the memory maps, after the reads in progress finish. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        while (readers.get() > 0) {
            if (System.nanoTime() > deadline) {
                // Never unmap under a reader: leave the maps to the garbage collector.
                return;
            }
            Thread.yield();
        }
        for (ByteBuffer b : chunks) {
            MappedBuffers.unmap(b);
        }
    }

    private long position(long record, int offset, int length) {
        if (record < 0 || record >= records || offset < 0 || offset + length > recordBytes) {
            throw new IndexOutOfBoundsException("record " + record + " bytes " + offset + "+" + length + " of "
                    + records + " records x " + recordBytes + " in " + name);
        }
        return headerBytes + record * recordBytes + offset;
    }
}
