package io.cc4j.data;

import java.util.List;
import java.util.Optional;

/**
 * What the binary readers (CIFAR-10/100, STL-10, IDX) share: images stored as fixed-size records of one shape,
 * memory-mapped, and all labels held in memory. Subclasses only decode a record into an image.
 */
abstract class RecordDataset extends AbstractLabelledDataset {
    /** The image records, one per image. */
    final RecordSequence records;
    /** The shape of every image. */
    final ImageShape shape;

    /**
     * @param records the image records, one per image
     * @param shape the shape of every image
     * @param labels 0-based labels as unsigned bytes, one per record, or {@code null} without labels
     * @param classNames names indexed by label, empty when unknown
     * @param description what {@link #description()} returns
     */
    RecordDataset(RecordSequence records, ImageShape shape, byte[] labels, List<String> classNames,
            String description) {
        super(unsigned(labels), classNames, description);
        this.records = records;
        this.shape = shape;
    }

    private static int[] unsigned(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return values;
    }

    @Override
    public int size() {
        return records.size();
    }

    @Override
    public Optional<ImageShape> shape() {
        return Optional.of(shape);
    }

    @Override
    public int channels() {
        return shape.channels();
    }

    /** Releases the memory maps of the image records. */
    @Override
    public void close() {
        records.close();
    }
}
