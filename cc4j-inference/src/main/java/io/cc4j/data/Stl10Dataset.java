package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * STL-10 in its binary release ({@code stl10_binary}): {@code train_X.bin} / {@code train_y.bin} (5,000),
 * {@code test_X.bin} / {@code test_y.bin} (8,000) and {@code unlabeled_X.bin} (100,000, 2.8 GB). Images are
 * 96x96x3 unsigned bytes, each channel stored column-major (MATLAB order), which this reader transposes to
 * row-major planar CHW. Label files hold one byte per image, 1..10, exposed as 0..9.
 *
 * <p>Image files are memory-mapped, never loaded onto the heap.
 */
public final class Stl10Dataset extends RecordDataset {
    /** The standard class names, used when {@code class_names.txt} is absent. */
    public static final List<String> CLASS_NAMES = List.of(
            "airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck");

    private static final int SIDE = 96;
    private static final ImageShape SHAPE = new ImageShape(3, SIDE, SIDE);

    private Stl10Dataset(RecordSequence records, byte[] labels, List<String> names, String description) {
        super(records, SHAPE, labels, names, description);
    }

    /**
     * Opens a labelled split.
     *
     * @param dir the {@code stl10_binary} directory (or the folder it was unpacked in)
     * @param split {@link Split#TRAIN_AND_TEST} gives the paper's 13,000 labelled images
     * @throws InvalidInputException naming the file on a missing file, a wrong size, an image/label count
     *     mismatch or a label outside 1..10
     */
    public static Stl10Dataset open(Path dir, Split split) {
        Path root = DataFiles.locate(dir, "STL-10", "test_X.bin", "stl10_binary");
        List<String> parts = switch (split) {
            case TRAIN -> List.of("train");
            case TEST -> List.of("test");
            case TRAIN_AND_TEST -> List.of("train", "test");
        };
        List<RecordFile> images = new ArrayList<>();
        List<RecordFile> labelFiles = new ArrayList<>();
        byte[] labels;
        RecordSequence seq;
        try {
            for (String part : parts) {
                RecordFile x = RecordFile.map(root.resolve(part + "_X.bin"), 0, SHAPE.pixelCount());
                images.add(x);
                RecordFile y = RecordFile.map(root.resolve(part + "_y.bin"), 0, 1);
                labelFiles.add(y);
                if (x.records() != y.records()) {
                    throw new InvalidInputException("image/label count mismatch: " + x.name() + " holds "
                            + x.records() + " images but " + y.name() + " holds " + y.records() + " labels");
                }
            }
            labels = readLabels(new RecordSequence(labelFiles));
            seq = new RecordSequence(images);
        } catch (RuntimeException e) {
            RecordSequence.closing(labelFiles, e);
            throw RecordSequence.closing(images, e);
        }
        // The labels are on the heap now: their maps are not needed.
        RecordSequence.closing(labelFiles, null);
        List<String> names = DataFiles.classNames(root.resolve("class_names.txt"), CLASS_NAMES);
        return new Stl10Dataset(seq, labels, names,
                "STL-10 binary, " + split.label() + ", " + root + " (" + seq.size() + " images)");
    }

    /**
     * Opens the 100,000 unlabeled images ({@code unlabeled_X.bin}); {@link #hasLabels()} is false.
     *
     * @param dir the {@code stl10_binary} directory (or the folder it was unpacked in)
     */
    public static Stl10Dataset openUnlabeled(Path dir) {
        Path root = DataFiles.locate(dir, "STL-10", "unlabeled_X.bin", "stl10_binary");
        RecordSequence seq = new RecordSequence(
                List.of(RecordFile.map(root.resolve("unlabeled_X.bin"), 0, SHAPE.pixelCount())));
        return new Stl10Dataset(seq, null, List.of(), "STL-10 binary, unlabeled, " + root + " (" + seq.size()
                + " images)");
    }

    /** STL-10 labels are 1..10 on disk; anything else means a damaged or foreign file. */
    private static byte[] readLabels(RecordSequence seq) {
        byte[] labels = new byte[seq.size()];
        for (int i = 0; i < labels.length; i++) {
            int label = seq.unsignedByte(i, 0);
            if (label < 1 || label > CLASS_NAMES.size()) {
                throw new InvalidInputException("STL-10 label " + label + " out of range 1.." + CLASS_NAMES.size()
                        + " in " + seq.file(i).name() + ", record " + seq.local(i));
            }
            labels[i] = (byte) (label - 1);
        }
        return labels;
    }

    @Override
    public RawImage image(int index) {
        int plane = SIDE * SIDE;
        byte[] raw = new byte[SHAPE.pixelCount()];
        records.read(index, 0, raw, 0, raw.length);
        byte[] px = new byte[raw.length];
        for (int c = 0; c < 3; c++) {
            int base = c * plane;
            // On disk byte (x * 96 + y) of a plane is pixel (y, x).
            for (int x = 0; x < SIDE; x++) {
                for (int y = 0; y < SIDE; y++) {
                    px[base + y * SIDE + x] = raw[base + x * SIDE + y];
                }
            }
        }
        return new RawImage(3, SIDE, SIDE, px);
    }
}
