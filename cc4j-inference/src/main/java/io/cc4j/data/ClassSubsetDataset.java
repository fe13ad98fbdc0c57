package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The images of a labelled dataset whose class is one of some chosen classes, in the parent's order, with their
 * labels and class names unchanged (Fashion-MNIST's classes 5 to 9 keep labels 5 to 9): what the dataset spec suffix
 * {@code @classes=LIST} opens. It owns its parent: closing it closes the parent. Ids are the parent's.
 */
public final class ClassSubsetDataset extends SubsetDataset {
    private final int[] classes;

    private ClassSubsetDataset(ImageDataset parent, int[] indices, int[] classes) {
        super(parent, indices);
        this.classes = classes;
    }

    /**
     * Parses a class list: labels ({@code 5}), label ranges ({@code 0-4}) and class names ({@code sneaker}), separated
     * by commas.
     *
     * @param list the list
     * @param classNames the dataset's class names by label (may be empty)
     * @param numberOfLabels one more than the largest label, to check labels against
     * @param what names the dataset in messages
     * @return the labels, sorted, each once
     * @throws InvalidInputException naming the entry that is no label or class of the dataset
     */
    static int[] parseClasses(String list, List<String> classNames, int numberOfLabels, String what) {
        TreeSet<Integer> chosen = new TreeSet<>();
        for (String raw : list.split(",")) {
            String item = raw.strip();
            if (item.isEmpty()) {
                throw new InvalidInputException("empty entry in the class list '" + list + "' of " + what);
            }
            int dash = item.indexOf('-', 1);
            if (item.chars().allMatch(c -> Character.isDigit(c) || c == '-') && dash > 0) {
                int from = label(item.substring(0, dash), list, what);
                int to = label(item.substring(dash + 1), list, what);
                if (to < from) {
                    throw new InvalidInputException("class range '" + item + "' of " + what + " runs backwards");
                }
                for (int l = from; l <= to; l++) {
                    chosen.add(check(l, numberOfLabels, what));
                }
            } else if (item.chars().allMatch(Character::isDigit)) {
                chosen.add(check(label(item, list, what), numberOfLabels, what));
            } else {
                int l = classNames.indexOf(item);
                if (l < 0) {
                    throw new InvalidInputException("'" + item + "' is no class of " + what + " (its classes: "
                            + (classNames.isEmpty() ? "labels 0 to " + (numberOfLabels - 1) : String.join(", ",
                                    classNames)) + ")");
                }
                chosen.add(l);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int label(String text, String list, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("bad class list '" + list + "' for " + what + ": '" + text
                    + "' is not a label", e);
        }
    }

    private static int check(int label, int numberOfLabels, String what) {
        if (label >= numberOfLabels) {
            throw new InvalidInputException("class " + label + " is not a label of " + what + " (labels 0 to "
                    + (numberOfLabels - 1) + ")");
        }
        return label;
    }

    /**
     * The images of {@code parent} whose label is in {@code list}; on failure the parent is closed.
     *
     * @param parent a labelled dataset; the subset owns it
     * @param list labels, label ranges and class names, separated by commas (e.g. {@code 5-9} or {@code sneaker,bag})
     * @return the subset
     * @throws InvalidInputException when the dataset has no labels, an entry is no class of it, or no image is left
     */
    public static ClassSubsetDataset of(ImageDataset parent, String list) {
        try {
            if (!parent.hasLabels()) {
                throw new InvalidInputException("a class filter needs labels, and " + parent.description()
                        + " has none");
            }
            int maxLabel = -1;
            int[] labels = new int[parent.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = parent.label(i);
                maxLabel = Math.max(maxLabel, labels[i]);
            }
            int numberOfLabels = Math.max(maxLabel + 1, parent.classNames().size());
            int[] classes = parseClasses(list, parent.classNames(), numberOfLabels, parent.description());
            boolean[] keep = new boolean[numberOfLabels];
            for (int c : classes) {
                keep[c] = true;
            }
            List<Integer> chosen = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (keep[labels[i]]) {
                    chosen.add(i);
                }
            }
            if (chosen.isEmpty()) {
                throw new InvalidInputException("no image of " + parent.description() + " is of the classes "
                        + list);
            }
            return new ClassSubsetDataset(parent, chosen.stream().mapToInt(Integer::intValue).toArray(), classes);
        } catch (RuntimeException e) {
            parent.close();
            throw e;
        }
    }

    /** @return the labels kept, sorted */
    public int[] classes() {
        return classes.clone();
    }

    @Override
    public String description() {
        List<String> names = new ArrayList<>();
        for (int c : classes) {
            names.add(c < classNames().size() ? c + " " + classNames().get(c) : Integer.toString(c));
        }
        return "classes " + String.join(", ", names) + " (" + size() + " images) of " + parent().description();
    }

    /** Closes the parent, which this subset owns. */
    @Override
    public void close() {
        parent().close();
    }
}
