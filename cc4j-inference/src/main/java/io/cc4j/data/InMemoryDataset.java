package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Images already decoded and held in a list, with optional labels: pictures handed over by another program,
 * generated benchmark inputs and test fixtures all go through the same {@link ImageDataset} path as files.
 *
 * <p>Immutable (the list and labels are copied; the pixel buffers are shared, not copied), so concurrent
 * {@link #image(int)} calls are safe. {@link #shape()} is the images' common shape, or empty when they differ.
 */
public final class InMemoryDataset extends AbstractLabelledDataset {
    private final List<RawImage> images;
    private final Optional<ImageShape> shape;
    private final int channels;

    private InMemoryDataset(List<RawImage> images, int[] labels, List<String> classNames, String description) {
        super(labels == null ? null : labels.clone(), classNames, Objects.requireNonNull(description, "description"));
        this.images = List.copyOf(images);
        this.channels = this.images.isEmpty() ? 3 : this.images.get(0).channels();
        for (int i = 0; i < this.images.size(); i++) {
            if (this.images.get(i).channels() != channels) {
                throw new InvalidInputException("in-memory image " + i + " has " + this.images.get(i).channels()
                        + " channels, image 0 has " + channels);
            }
        }
        this.shape = commonShape(this.images);
        if (hasLabels()) {
            checkLabels(labelArray(), this.images.size(), classNames());
        }
    }

    /**
     * Unlabelled images.
     *
     * @param images the images, in index order
     * @return the dataset, described as {@code "N in-memory images"}
     * @throws InvalidInputException naming the image when the images differ in channel count
     */
    public static InMemoryDataset of(List<RawImage> images) {
        return new InMemoryDataset(images, null, List.of(), images.size() + " in-memory images");
    }

    /**
     * Labelled images.
     *
     * @param images the images, in index order
     * @param labels one 0-based label per image
     * @param classNames names indexed by label, or empty when unknown
     * @return the dataset, described as {@code "N in-memory images"}
     * @throws InvalidInputException naming the value when the label count differs from the image count, a label
     *     is negative or has no class name, or the images differ in channel count
     */
    public static InMemoryDataset labelled(List<RawImage> images, int[] labels, List<String> classNames) {
        Objects.requireNonNull(labels, "labels");
        return new InMemoryDataset(images, labels, classNames, images.size() + " in-memory images");
    }

    /** The same images and labels with another {@link #description()}. */
    public InMemoryDataset withDescription(String newDescription) {
        return new InMemoryDataset(images, labelArray(), classNames(), newDescription);
    }

    private static Optional<ImageShape> commonShape(List<RawImage> images) {
        if (images.isEmpty()) {
            return Optional.empty();
        }
        RawImage first = images.get(0);
        for (RawImage im : images) {
            if (im.height() != first.height() || im.width() != first.width()) {
                return Optional.empty();
            }
        }
        return Optional.of(new ImageShape(first.channels(), first.height(), first.width()));
    }

    private static void checkLabels(int[] labels, int size, List<String> classNames) {
        if (labels.length != size) {
            throw new InvalidInputException(labels.length + " labels for " + size + " in-memory images");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || (!classNames.isEmpty() && labels[i] >= classNames.size())) {
                throw new InvalidInputException("label " + labels[i] + " of in-memory image " + i + " is not in [0, "
                        + (classNames.isEmpty() ? "inf" : classNames.size()) + ")");
            }
        }
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public Optional<ImageShape> shape() {
        return shape;
    }

    /** The images' channel count; 3 (RGB) for an empty dataset. */
    @Override
    public int channels() {
        return channels;
    }

    @Override
    public RawImage image(int index) {
        DataFiles.checkIndex(index, images.size());
        return images.get(index);
    }
}
