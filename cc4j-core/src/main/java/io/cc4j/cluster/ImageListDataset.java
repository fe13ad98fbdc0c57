package io.cc4j.cluster;

import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageShape;
import io.cc4j.data.RawImage;
import java.util.List;
import java.util.Optional;

/** Unlabelled in-memory images, so pictures from other programs go through the same assignment path. */
final class ImageListDataset implements ImageDataset {
    private final List<RawImage> images;

    ImageListDataset(List<RawImage> images) {
        this.images = List.copyOf(images);
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public Optional<ImageShape> shape() {
        return Optional.empty();
    }

    @Override
    public int channels() {
        return 3;
    }

    @Override
    public RawImage image(int index) {
        return images.get(index);
    }

    @Override
    public boolean hasLabels() {
        return false;
    }

    @Override
    public int label(int index) {
        throw new UnsupportedOperationException("in-memory images have no labels");
    }

    @Override
    public List<String> classNames() {
        return List.of();
    }

    @Override
    public String description() {
        return images.size() + " in-memory images";
    }
}
