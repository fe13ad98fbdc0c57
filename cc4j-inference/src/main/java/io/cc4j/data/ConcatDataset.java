package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Several datasets read one after the other as one. All parts must have the same channel count; the shape is
 * common when every part has the same one; labels are kept only when every part has them, with the class
 * names of the parts when they all agree (else none).
 */
public final class ConcatDataset implements ImageDataset {
    private final ImageDataset[] parts;
    private final PartIndex partIndex;
    private final Optional<ImageShape> shape;
    private final boolean labelled;
    private final List<String> classNames;

    private ConcatDataset(List<ImageDataset> parts) {
        this.parts = parts.toArray(new ImageDataset[0]);
        long[] sizes = parts.stream().mapToLong(ImageDataset::size).toArray();
        this.partIndex = new PartIndex(sizes, (p, partial) -> new InvalidInputException("joined datasets hold "
                + Arrays.stream(sizes).sum() + " images, more than an int index"));
        ImageDataset first = this.parts[0];
        this.shape = parts.stream().allMatch(d -> d.shape().isPresent() && d.shape().equals(first.shape()))
                ? first.shape() : Optional.empty();
        this.labelled = parts.stream().allMatch(ImageDataset::hasLabels);
        this.classNames = labelled && parts.stream().allMatch(d -> d.classNames().equals(first.classNames()))
                ? first.classNames() : List.of();
    }

    /**
     * Joins {@code parts} in order.
     *
     * @throws InvalidInputException when the parts differ in channel count (naming them)
     */
    public static ConcatDataset of(List<? extends ImageDataset> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to join");
        }
        int channels = parts.get(0).channels();
        if (parts.stream().anyMatch(d -> d.channels() != channels)) {
            throw new InvalidInputException("cannot join datasets with different channel counts: " + parts.stream()
                    .map(d -> d.description() + " has " + d.channels()).collect(Collectors.joining("; ")));
        }
        return new ConcatDataset(List.copyOf(parts));
    }

    /** Joins {@code parts} in order; see {@link #of(List)}. */
    public static ConcatDataset of(ImageDataset... parts) {
        return of(Arrays.asList(parts));
    }

    /** Closes every part. */
    @Override
    public void close() {
        for (ImageDataset d : parts) {
            d.close();
        }
    }

    /** The joined datasets, in order. */
    public List<ImageDataset> parts() {
        return List.of(parts);
    }

    @Override
    public int size() {
        return partIndex.size();
    }

    @Override
    public Optional<ImageShape> shape() {
        return shape;
    }

    @Override
    public int channels() {
        return parts[0].channels();
    }

    @Override
    public RawImage image(int index) {
        int p = partIndex.part(index);
        return parts[p].image(partIndex.local(index, p));
    }

    @Override
    public boolean hasLabels() {
        return labelled;
    }

    @Override
    public int label(int index) {
        if (!labelled) {
            throw new UnsupportedOperationException("not every joined dataset has labels: " + description());
        }
        int p = partIndex.part(index);
        return parts[p].label(partIndex.local(index, p));
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The part's id, except that plain index ids (the default) are renumbered to the joined index so ids stay
     * unique.
     */
    @Override
    public String id(int index) {
        int p = partIndex.part(index);
        int local = partIndex.local(index, p);
        String id = parts[p].id(local);
        return id.equals(Integer.toString(local)) ? Integer.toString(index) : id;
    }

    @Override
    public String description() {
        return Arrays.stream(parts).map(ImageDataset::description).collect(Collectors.joining(" + "));
    }

    @Override
    public String toString() {
        return description();
    }
}
