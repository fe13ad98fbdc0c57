package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.util.List;

/**
 * Several {@link RecordFile}s of the same record layout read as one sequence (CIFAR-10's five training
 * batches plus its test batch, for example): global record {@code i} lives in the file whose range holds it.
 */
final class RecordSequence implements AutoCloseable {
    private final RecordFile[] files;
    private final PartIndex partIndex;

    RecordSequence(List<RecordFile> files) {
        this.files = files.toArray(new RecordFile[0]);
        this.partIndex = new PartIndex(files.stream().mapToLong(RecordFile::records).toArray(), (f, total) ->
                new InvalidInputException("too many records (" + total + ") up to " + this.files[f].name()));
    }

    /** Total records over all files. */
    int size() {
        return partIndex.size();
    }

    /** The file that holds global record {@code index}. */
    RecordFile file(int index) {
        return files[partIndex.part(index)];
    }

    /** Position of global record {@code index} within its file. */
    long local(int index) {
        return partIndex.local(index, partIndex.part(index));
    }

    /** Unsigned byte {@code offset} of global record {@code index}. */
    int unsignedByte(int index, int offset) {
        int p = partIndex.part(index);
        return files[p].unsignedByte(partIndex.local(index, p), offset);
    }

    /** Copies {@code length} bytes from {@code offset} within global record {@code index}. */
    void read(int index, int offset, byte[] dst, int dstOffset, int length) {
        int p = partIndex.part(index);
        files[p].read(partIndex.local(index, p), offset, dst, dstOffset, length);
    }

    /** Reads label byte {@code offset} of every record and checks it is below {@code classes}. */
    byte[] readLabels(int offset, int classes, String format) {
        byte[] labels = new byte[partIndex.size()];
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
}
