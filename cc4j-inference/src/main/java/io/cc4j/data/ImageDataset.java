package io.cc4j.data;

import java.util.List;
import java.util.Optional;

/**
 * A random-access sequence of images with optional integer labels: the one abstraction every reader
 * (CIFAR, STL-10, IDX, image folders) implements and every later stage consumes.
 *
 * <p>Implementations must be safe for concurrent {@link #image(int)} calls from several threads: the
 * augmentation pool reads images in parallel.
 *
 * <p>A dataset may hold resources (the memory maps of the binary readers): {@link #close()} releases them. A
 * {@link ConcatDataset} owns its parts and closes them; a {@link SubsetDataset} is a view and leaves its parent
 * open. Nothing may be read from a closed dataset.
 */
public interface ImageDataset extends AutoCloseable {
    /** Number of images. */
    int size();

    /** The common shape of all images, or empty when sizes vary (image folders). */
    Optional<ImageShape> shape();

    /** Channels of every image (1 or 3), also for datasets of varying size. */
    int channels();

    /** Decodes image {@code index} (0-based). */
    RawImage image(int index);

    /** Whether {@link #label(int)} is available. */
    boolean hasLabels();

    /** Label of image {@code index}, 0-based; throws {@link UnsupportedOperationException} without labels. */
    int label(int index);

    /** Class names indexed by label, or an empty list when unknown. */
    List<String> classNames();

    /** A stable name of image {@code index} for output files: its path for folders, else its index. */
    default String id(int index) {
        return Integer.toString(index);
    }

    /** A short human-readable description (format and source). */
    String description();

    /** Releases what the dataset holds (memory maps); idempotent. The default holds nothing. */
    @Override
    default void close() {
    }
}
