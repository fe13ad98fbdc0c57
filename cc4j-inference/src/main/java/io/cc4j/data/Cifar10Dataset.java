package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 in its binary release ({@code cifar-10-batches-bin}): {@code data_batch_1.bin} ..
 * {@code data_batch_5.bin} (50,000 training images) and {@code test_batch.bin} (10,000). Each record is one
 * label byte (0..9) followed by 3,072 pixel bytes: the red, green and blue planes of a 32x32 image, row by row.
 * That is already cc4j's planar CHW layout, so decoding is one copy.
 *
 * <p>Files are memory-mapped; labels are read and range-checked once at open time.
 */
public final class Cifar10Dataset extends RecordDataset {
    /** The standard class names, used when {@code batches.meta.txt} is absent. */
    public static final List<String> CLASS_NAMES = List.of(
            "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    static final ImageShape SHAPE = new ImageShape(3, 32, 32);
    private static final int RECORD = 1 + 3072;

    private Cifar10Dataset(RecordSequence records, byte[] labels, List<String> names, String description) {
        super(records, SHAPE, labels, names, description);
    }

    /**
     * Opens a split of the binary release.
     *
     * @param dir the {@code cifar-10-batches-bin} directory (or the folder it was unpacked in)
     * @param split which batches to read; {@link Split#TRAIN_AND_TEST} gives the paper's 60,000 images
     * @throws InvalidInputException naming the file on a missing batch, a size that is not a whole number of
     *     records, or a label outside 0..9
     */
    public static Cifar10Dataset open(Path dir, Split split) {
        Path root = DataFiles.locate(dir, "CIFAR-10", "test_batch.bin", "cifar-10-batches-bin");
        List<RecordFile> files = new ArrayList<>();
        RecordSequence seq;
        byte[] labels;
        try {
            if (split != Split.TEST) {
                for (int b = 1; b <= 5; b++) {
                    files.add(RecordFile.map(root.resolve("data_batch_" + b + ".bin"), 0, RECORD));
                }
            }
            if (split != Split.TRAIN) {
                files.add(RecordFile.map(root.resolve("test_batch.bin"), 0, RECORD));
            }
            seq = new RecordSequence(files);
            labels = seq.readLabels(0, CLASS_NAMES.size(), "CIFAR-10");
        } catch (RuntimeException e) {
            throw RecordSequence.closing(files, e);
        }
        List<String> names = DataFiles.classNames(root.resolve("batches.meta.txt"), CLASS_NAMES);
        return new Cifar10Dataset(seq, labels, names,
                "CIFAR-10 binary, " + split.label() + ", " + root + " (" + seq.size() + " images)");
    }

    @Override
    public RawImage image(int index) {
        byte[] px = new byte[SHAPE.pixelCount()];
        records.read(index, 1, px, 0, px.length);
        return new RawImage(3, 32, 32, px);
    }
}
