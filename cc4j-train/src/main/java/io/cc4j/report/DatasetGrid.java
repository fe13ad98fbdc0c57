package io.cc4j.report;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageGrid;
import io.cc4j.data.SubsetDataset;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A picture of a dataset at a glance: {@code count} images at evenly spaced indices, tiled in a near-square
 * grid (what {@code cc4j data inspect --grid} writes).
 */
public final class DatasetGrid {
    private static final int MIN_CELL = 64;
    private static final int MAX_CELL = 128;
    private static final int DEFAULT_CELL = 96;

    private DatasetGrid() {
    }

    /**
     * Renders {@code min(count, dataset.size())} evenly spaced images of {@code dataset}.
     *
     * @throws InvalidInputException when {@code count} is not positive
     */
    public static BufferedImage render(ImageDataset dataset, int count) {
        if (count < 1) {
            throw new InvalidInputException("grid image count must be positive: " + count);
        }
        SubsetDataset sample = SubsetDataset.evenlySpaced(dataset, count);
        // Decoding (JPEG folders) dominates: do it in parallel, keeping the order.
        List<BufferedImage> images = Arrays.asList(IntStream.range(0, sample.size()).parallel()
                .mapToObj(i -> ImageGrid.toBufferedImage(sample.image(i))).toArray(BufferedImage[]::new));
        int columns = Math.max(1, (int) Math.ceil(Math.sqrt(images.size())));
        int cell = dataset.shape()
                .map(s -> Math.min(MAX_CELL, Math.max(MIN_CELL, Math.max(s.height(), s.width()))))
                .orElse(DEFAULT_CELL);
        return ImageGrid.tile(images, columns, cell);
    }

    /** Renders as {@link #render(ImageDataset, int)} and writes the PNG atomically to {@code target}. */
    public static void writePng(ImageDataset dataset, int count, Path target) {
        ImageGrid.writePng(render(dataset, count), target);
    }
}
