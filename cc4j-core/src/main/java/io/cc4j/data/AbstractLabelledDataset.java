package io.cc4j.data;

import java.util.List;

/**
 * Label bookkeeping shared by the readers that hold all labels in memory (one byte per image is small even
 * for 100,000 images); subclasses only decode images.
 */
abstract class AbstractLabelledDataset implements ImageDataset {
    private final byte[] labels;
    private final List<String> classNames;
    private final String description;

    /**
     * @param labels 0-based labels as unsigned bytes, or {@code null} without labels
     * @param classNames names indexed by label, empty when unknown
     * @param description what {@link #description()} returns
     */
    AbstractLabelledDataset(byte[] labels, List<String> classNames, String description) {
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.description = description;
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

    @Override
    public String toString() {
        return description;
    }
}
