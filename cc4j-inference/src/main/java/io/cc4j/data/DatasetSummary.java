package io.cc4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What {@code cc4j data inspect} reports about a dataset: size, shape, channels and, when labels exist, how
 * many images each class has.
 *
 * @param description the dataset's description
 * @param size number of images
 * @param shape the common image shape, empty when sizes vary
 * @param channels channels per image
 * @param labelled whether labels exist
 * @param classes per-class counts in label order (empty without labels); labels beyond the known class names
 *     get their number as name
 */
public record DatasetSummary(String description, int size, Optional<ImageShape> shape, int channels,
        boolean labelled, List<ClassCount> classes) {
    /**
     * Images of one class.
     *
     * @param label the 0-based label
     * @param name the class name
     * @param count images with this label
     */
    public record ClassCount(int label, String name, int count) {
    }

    /** Summarises {@code dataset}; reads every label (cheap: readers keep labels in memory). */
    public static DatasetSummary of(ImageDataset dataset) {
        List<ClassCount> classes = new ArrayList<>();
        if (dataset.hasLabels()) {
            List<String> names = dataset.classNames();
            int[] counts = new int[Math.max(1, names.size())];
            for (int i = 0; i < dataset.size(); i++) {
                int label = dataset.label(i);
                if (label >= counts.length) {
                    counts = Arrays.copyOf(counts, label + 1);
                }
                counts[label]++;
            }
            int classCount = Math.max(names.size(), lastNonZero(counts) + 1);
            for (int c = 0; c < classCount; c++) {
                classes.add(new ClassCount(c, c < names.size() ? names.get(c) : Integer.toString(c), counts[c]));
            }
        }
        return new DatasetSummary(dataset.description(), dataset.size(), dataset.shape(), dataset.channels(),
                dataset.hasLabels(), List.copyOf(classes));
    }

    private static int lastNonZero(int[] counts) {
        for (int i = counts.length - 1; i >= 0; i--) {
            if (counts[i] != 0) {
                return i;
            }
        }
        return -1;
    }
}
