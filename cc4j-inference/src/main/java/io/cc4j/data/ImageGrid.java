package io.cc4j.data;

import io.cc4j.io.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Tiles images into one picture, row by row, so a person can look at a dataset, its augmented views or
 * the members of a cluster.
 */
public final class ImageGrid {
    private static final int GAP = 2;

    private ImageGrid() {
    }

    /** Converts a planar CHW image (1 or 3 channels) to an RGB {@link BufferedImage}. */
    public static BufferedImage toBufferedImage(RawImage img) {
        int h = img.height();
        int w = img.width();
        int plane = h * w;
        byte[] p = img.pixels();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            int r = p[i] & 0xFF;
            int g = img.channels() == 3 ? p[plane + i] & 0xFF : r;
            int b = img.channels() == 3 ? p[2 * plane + i] & 0xFF : r;
            rgb[i] = (r << 16) | (g << 8) | b;
        }
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    /**
     * Tiles images into a grid; every cell is {@code cell x cell} pixels (images are scaled to fit).
     *
     * @param images images in reading order; {@code null} entries leave a cell empty
     * @param columns cells per row
     * @param cell cell edge in pixels
     * @return the grid picture on a white background
     */
    public static BufferedImage tile(List<BufferedImage> images, int columns, int cell) {
        int rows = Math.max(1, (images.size() + columns - 1) / columns);
        int width = columns * cell + (columns + 1) * GAP;
        int height = rows * cell + (rows + 1) * GAP;
        BufferedImage grid = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < images.size(); i++) {
                BufferedImage img = images.get(i);
                if (img == null) {
                    continue;
                }
                int x = GAP + (i % columns) * (cell + GAP);
                int y = GAP + (i / columns) * (cell + GAP);
                g.drawImage(img, x, y, cell, cell, null);
            }
        } finally {
            g.dispose();
        }
        return grid;
    }

    /** Writes a picture as PNG, atomically. */
    public static void writePng(BufferedImage image, Path target) {
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new java.io.IOException("no PNG writer available");
            }
        });
    }
}
