package io.cc4j.report;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageGrid;
import io.cc4j.data.ImageShape;
import io.cc4j.inference.AssignmentsCsv;
import io.cc4j.run.RunLayout;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Per cluster, a grid of its most confident images and one of its least confident ones: what the cluster has
 * learned to mean, and where it is unsure.
 */
public final class ClusterGallery {
    /**
     * The pictures written for one cluster.
     *
     * @param cluster cluster id
     * @param topFile file name of the most-confident grid, or null when the cluster is empty
     * @param lowFile file name of the least-confident grid, or null when the cluster has no images beyond the top
     */
    public record Pictures(int cluster, String topFile, String lowFile) {
    }

    private final int mostConfident;
    private final int leastConfident;
    private final int columns;

    /**
     * @param mostConfident images in each cluster's most-confident grid (at least 1)
     * @param leastConfident images in each cluster's least-confident grid (0 for none)
     * @param columns images per grid row (at least 1)
     * @throws InvalidInputException naming the value when a count is out of range
     */
    public ClusterGallery(int mostConfident, int leastConfident, int columns) {
        if (mostConfident < 1) {
            throw new InvalidInputException("most-confident images per cluster must be >= 1, got " + mostConfident);
        }
        if (leastConfident < 0) {
            throw new InvalidInputException("least-confident images per cluster must be >= 0, got " + leastConfident);
        }
        if (columns < 1) {
            throw new InvalidInputException("gallery columns must be >= 1, got " + columns);
        }
        this.mostConfident = mostConfident;
        this.leastConfident = leastConfident;
        this.columns = columns;
    }

    /**
     * Writes {@code cluster-NNN-top.png} and {@code cluster-NNN-low.png} for every cluster into {@code outDir}.
     *
     * @param assignments the run's assignments; their {@code index} column addresses {@code dataset}
     * @param dataset the images that were clustered
     * @param run the run whose report directory receives the pictures
     * @return the pictures written, indexed by cluster id
     * @throws InvalidInputException when an assignment's index is outside the dataset
     */
    public List<Pictures> write(AssignmentsCsv.Rows assignments, ImageDataset dataset, RunLayout run) {
        for (int i = 0; i < assignments.size(); i++) {
            if (assignments.index(i) >= dataset.size()) {
                throw new InvalidInputException(run.assignments().getFileName() + " row " + (i + 1) + " has index "
                        + assignments.index(i) + " but the dataset " + dataset.description() + " has only "
                        + dataset.size() + " images");
            }
        }
        int cell = cellSize(dataset);
        int k = assignments.clusterCount();
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < assignments.size(); i++) {
            members.get(assignments.cluster(i)).add(i);
        }
        List<Pictures> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            List<Integer> rows = members.get(c);
            // Most confident first; ties by row so the pictures are reproducible.
            rows.sort((a, b) -> {
                int byConf = Double.compare(assignments.confidence(b), assignments.confidence(a));
                return byConf != 0 ? byConf : Integer.compare(a, b);
            });
            if (rows.isEmpty()) {
                out.add(new Pictures(c, null, null));
                continue;
            }
            int nTop = Math.min(mostConfident, rows.size());
            Path topFile = run.clusterGallery(c);
            String top = topFile.getFileName().toString();
            ImageGrid.writePng(grid(rows.subList(0, nTop), assignments, dataset, cell), topFile);
            int nLow = Math.min(leastConfident, rows.size() - nTop);
            String low = null;
            if (nLow > 0) {
                Path lowFile = run.clusterGalleryLeastConfident(c);
                low = lowFile.getFileName().toString();
                // Least confident first, so the most doubtful image leads the grid.
                List<Integer> tail = new ArrayList<>(rows.subList(rows.size() - nLow, rows.size()));
                java.util.Collections.reverse(tail);
                ImageGrid.writePng(grid(tail, assignments, dataset, cell), lowFile);
            }
            out.add(new Pictures(c, top, low));
        }
        return out;
    }

    private BufferedImage grid(List<Integer> rows, AssignmentsCsv.Rows a, ImageDataset ds, int cell) {
        List<BufferedImage> images = new ArrayList<>();
        for (int row : rows) {
            images.add(ImageGrid.toBufferedImage(ds.image(a.index(row))));
        }
        return ImageGrid.tile(images, Math.min(columns, images.size()), cell);
    }

    private static int cellSize(ImageDataset ds) {
        // Small images are enlarged (pixel-exact at twice their size) so a person can see them.
        int side = ds.shape().map(ImageShape::height).orElse(64);
        return Math.max(48, Math.min(96, 2 * side));
    }
}
