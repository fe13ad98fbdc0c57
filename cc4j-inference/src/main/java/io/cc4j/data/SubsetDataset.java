package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.util.List;
import java.util.Optional;

/**
 * A view of chosen images of another dataset, in the given order (for example the first N images for a quick
 * demo, or evenly spaced samples for a picture). Ids are the parent's, so results still point at the source.
 */
public class SubsetDataset implements ImageDataset {
    private final ImageDataset parent;
    private final int[] indices;

    /**
     * @param parent the dataset the images come from
     * @param indices the parent's indices, in order, each inside the parent (not copied)
     */
    SubsetDataset(ImageDataset parent, int[] indices) {
        this.parent = parent;
        this.indices = indices;
    }

    /**
     * The images of {@code parent} at {@code indices} (repeats allowed).
     *
     * @throws InvalidInputException naming the index when one is outside the parent
     */
    public static SubsetDataset of(ImageDataset parent, int[] indices) {
        int[] copy = indices.clone();
        for (int i : copy) {
            if (i < 0 || i >= parent.size()) {
                throw new InvalidInputException("subset index " + i + " outside [0, " + parent.size() + ") of "
                        + parent.description());
            }
        }
        return new SubsetDataset(parent, copy);
    }

    /** The first {@code min(count, parent.size())} images. */
    public static SubsetDataset first(ImageDataset parent, int count) {
        if (count < 0) {
            throw new InvalidInputException("image count must not be negative: " + count);
        }
        int n = Math.min(count, parent.size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return new SubsetDataset(parent, idx);
    }

    /**
     * {@code min(count, parent.size())} images at evenly spaced indices {@code floor(i * size / count)}, which
     * starts at image 0 and spreads over the whole dataset (so a joined train+test shows both).
     */
    public static SubsetDataset evenlySpaced(ImageDataset parent, int count) {
        if (count < 0) {
            throw new InvalidInputException("image count must not be negative: " + count);
        }
        int n = Math.min(count, parent.size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = (int) ((long) i * parent.size() / n);
        }
        return new SubsetDataset(parent, idx);
    }

    /** The dataset this is a view of. */
    public ImageDataset parent() {
        return parent;
    }

    /** Index in the parent of image {@code index} of this view. */
    public int parentIndex(int index) {
        DataFiles.checkIndex(index, indices.length);
        return indices[index];
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public Optional<ImageShape> shape() {
        return parent.shape();
    }

    @Override
    public int channels() {
        return parent.channels();
    }

    @Override
    public RawImage image(int index) {
        return parent.image(parentIndex(index));
    }

    @Override
    public boolean hasLabels() {
        return parent.hasLabels();
    }

    @Override
    public int label(int index) {
        return parent.label(parentIndex(index));
    }

    @Override
    public List<String> classNames() {
        return parent.classNames();
    }

    @Override
    public String id(int index) {
        return parent.id(parentIndex(index));
    }

    @Override
    public String description() {
        return indices.length + " of " + parent.description();
    }

    @Override
    public String toString() {
        return description();
    }
}
