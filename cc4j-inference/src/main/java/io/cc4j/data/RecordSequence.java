package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.util.Arrays;
import java.util.List;

/**
 * Several {@link RecordFile}s of the same record layout read as one sequence (CIFAR-10's five training
 * batches plus its test batch, for example): global record {@code i} lives in the file whose range holds it.
 */
final class RecordSequence implements AutoCloseable {
    private final RecordFile[] files;
    private final int[] starts;
    private final int size;

    RecordSequence(List<RecordFile> files) {
        this.files = files.toArray(new RecordFile[0]);
        this.starts = new int[this.files.length];
        long total = 0;
        for (int f = 0; f < this.files.length; f++) {
            starts[f] = (int) total;
            total += this.files[f].records();
            if (total > Integer.MAX_VALUE) {
                throw new InvalidInputException("too many records (" + total + ") up to " + this.files[f].name());
            }
        }
        this.size = (int) total;
    }

    /** Total records over all files. */
    int size() {
        return size;
    }

    /** The file that holds global record {@code index}. */
    RecordFile file(int index) {
        return files[part(index)];
    }

    /** Position of global record {@code index} within its file. */
    long local(int index) {
        return index - starts[part(index)];
    }

    /** Unsigned byte {@code offset} of global record {@code index}. */
    int unsignedByte(int index, int offset) {
        int p = part(index);
        return files[p].unsignedByte(index - starts[p], offset);
    }

    /** Copies {@code length} bytes from {@code offset} within global record {@code index}. */
    void read(int index, int offset, byte[] dst, int dstOffset, int length) {
        int p = part(index);
        files[p].read(index - starts[p], offset, dst, dstOffset, length);
    }

    /** Reads label byte {@code offset} of every record and checks it is below {@code classes}. */
    byte[] readLabels(int offset, int classes, String format) {
        byte[] labels = new byte[size];
        for (int i = 0; i < labels.length; i++) {
            int label = unsignedByte(i, offset);
            if (label >= classes) {
                throw new InvalidInputException(format + " label " + label + " out of range 0.." + (classes - 1)
                        + " in " + file(i).name() + ", record " + local(i));
            }
            labels[i] = (byte) label;
        }
        return labels;
    }

    /** Closes every file. */
    @Override
    public void close() {
        for (RecordFile f : files) {
            f.close();
        }
    }

    /** Closes files mapped so far when opening a dataset fails half way. */
    static RuntimeException closing(List<RecordFile> opened, RuntimeException e) {
        for (RecordFile f : opened) {
            if (f != null) {
                f.close();
            }
        }
        return e;
    }

    private int part(int index) {
        DataFiles.checkIndex(index, size);
        int p = Arrays.binarySearch(starts, index);
        if (p < 0) {
            p = -p - 2;
        }
        // Empty files share a start with their successor: move to the last file whose range holds the index.
        while (p + 1 < starts.length && starts[p + 1] == index) {
            p++;
        }
        return p;
    }
}
