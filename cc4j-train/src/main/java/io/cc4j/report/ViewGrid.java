package io.cc4j.report;

import io.cc4j.augment.PairBuilder;
import io.cc4j.augment.ViewBatch;
import io.cc4j.data.ImageGrid;
import io.cc4j.data.RawImage;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A picture of what the network trains on: one row per image with the test-transformed original, then its
 * view a and view b, as {@link PairBuilder} makes them for a given seed.
 */
public final class ViewGrid {
    /** Smallest cell edge in pixels, so 28x28 or 32x32 views are large enough to see. */
    private static final int MIN_CELL = 96;
    /** Largest cell edge in pixels. */
    private static final int MAX_CELL = 256;

    private ViewGrid() {
    }

    /**
     * Renders the rows.
     *
     * @param pcb the pair builder (its dataset and configuration)
     * @param indices dataset indices, one row each
     * @param seed seed of the views
     * @return the grid picture, three columns
     */
    public static BufferedImage render(PairBuilder pcb, int[] indices, long seed) {
        ViewBatch views = pcb.build(indices, seed);
        float[] originals = pcb.testBatch(indices);
        int size = views.size();
        int len = views.viewLength();
        List<BufferedImage> cells = new ArrayList<>(3 * indices.length);
        for (int i = 0; i < indices.length; i++) {
            cells.add(toImage(originals, i * len, size));
            cells.add(toImage(views.data(), views.offset(i, 0), size));
            cells.add(toImage(views.data(), views.offset(i, 1), size));
        }
        int cell = Math.min(Math.max(size, MIN_CELL), MAX_CELL);
        return ImageGrid.tile(cells, 3, cell);
    }

    /** Renders and writes the grid as PNG, atomically. */
    public static void writePng(PairBuilder pcb, int[] indices, long seed, Path target) {
        ImageGrid.writePng(render(pcb, indices, seed), target);
    }

    /** One RGB float view in [0,1] at {@code off} as a picture. */
    static BufferedImage toImage(float[] data, int off, int size) {
        byte[] px = new byte[3 * size * size];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.round(Math.min(Math.max(data[off + i], 0f), 1f) * 255f);
        }
        return ImageGrid.toBufferedImage(new RawImage(3, size, size, px));
    }
}
