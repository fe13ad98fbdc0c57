package io.cc4j.data;

import java.util.List;
import java.util.Optional;

/**
 * What the binary readers (CIFAR-10/100, STL-10, IDX) share: images stored as fixed-size records of one shape,
 * and all labels held in memory (one byte per image is small even for 100,000 images). Subclasses only decode
 * a record into an image.
 */
abstract class AbstractLabelledDataset implements ImageDataset {
    /** The image records, one per image. */
    final RecordSequence records;
    /** The shape of every image. */
    final ImageShape shape;
    private final byte[] labels;
    private final List<String> classNames;
    private final String description;

    /**
     * @param records the image records, one per image
     * @param shape the shape of every image
     * @param labels 0-based labels as unsigned bytes, or {@code null} without labels
     * @param classNames names indexed by label, empty when unknown
     * @param description what {@link #description()} returns
     */
    AbstractLabelledDataset(RecordSequence records, ImageShape shape, byte[] labels, List<String> classNames,
            String description) {
        this.records = records;
        this.shape = shape;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.description = description;
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

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int label(int index) {
        if (labels == null) {
            throw new UnsupportedOperationException("dataset has no labels: " + description);
        }
        DataFiles.checkIndex(index, size());
        return labels[index] & 0xFF;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public String description() {
        return description;
    }

    /** Releases the memory maps of the image records. */
    @Override
    public void close() {
        records.close();
    }

    @Override
    public String toString() {
        return description;
    }
}
