package io.cc4j.data;

import java.util.List;

/**
 * What the datasets that hold their labels in memory share (the binary readers, in-memory images, image folders):
 * the labels and class names, the description, and the checks made before a label is handed out.
 */
abstract class AbstractLabelledDataset implements ImageDataset {
    private final int[] labels;
    private final List<String> classNames;
    private final String description;
    private final String whyNoLabels;

    /**
     * A dataset that says "dataset has no labels: DESCRIPTION" when asked for a label it does not have.
     *
     * @param labels 0-based label of each image, or {@code null} without labels (kept, not copied)
     * @param classNames names indexed by label, empty when unknown
     * @param description what {@link #description()} returns
     */
    AbstractLabelledDataset(int[] labels, List<String> classNames, String description) {
        this(labels, classNames, description, "dataset has no labels: " + description);
    }

    /**
     * @param labels 0-based label of each image, or {@code null} without labels (kept, not copied)
     * @param classNames names indexed by label, empty when unknown
     * @param description what {@link #description()} returns
     * @param whyNoLabels the message when a label is asked of a dataset without labels
     */
    AbstractLabelledDataset(int[] labels, List<String> classNames, String description, String whyNoLabels) {
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
        this.description = description;
        this.whyNoLabels = whyNoLabels;
    }

    /** @return the labels as held (not a copy: do not modify), or {@code null} without labels */
    final int[] labelArray() {
        return labels;
    }

    @Override
    public boolean hasLabels() {
        return labels != null;
    }

    @Override
    public int label(int index) {
        if (labels == null) {
            throw new UnsupportedOperationException(whyNoLabels);
        }
        DataFiles.checkIndex(index, labels.length);
        return labels[index];
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
