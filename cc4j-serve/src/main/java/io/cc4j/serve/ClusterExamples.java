package io.cc4j.serve;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageGrid;
import io.cc4j.inference.AssignmentsCsv;
import io.cc4j.run.RunLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each cluster's most confident training images as one PNG grid, held in memory: the report's gallery
 * ({@code RUN_DIR/report/cluster-NNN-top.png}) when the run has one, otherwise drawn here from the run's
 * {@code assignments.csv} and its training data. Everything is read once when the server starts; a request only
 * names a cluster number, never a file.
 */
final class ClusterExamples {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterExamples.class);
    /** Images per drawn grid, as the report's galleries. */
    static final int PER_CLUSTER = 8;

    private final byte[][] pngs;
    private final long[] sizes;
    private final String source;

    private ClusterExamples(byte[][] pngs, long[] sizes, String source) {
        this.pngs = pngs;
        this.sizes = sizes;
        this.source = source;
    }

    /**
     * Finds or draws the grids of a run.
     *
     * @param run the run
     * @param clusters K
     * @return the grids; clusters without one have none
     */
    static ClusterExamples load(RunLayout run, int clusters) {
        byte[][] pngs = new byte[clusters][];
        Optional<AssignmentsCsv.Rows> assignments = readAssignments(run);
        long[] sizes = assignments.map(a -> padded(a.clusterSizes(), clusters)).orElse(null);
        int fromReport = 0;
        for (int k = 0; k < clusters; k++) {
            Path file = run.clusterGallery(k);
            if (Files.isRegularFile(file)) {
                try {
                    pngs[k] = Files.readAllBytes(file);
                    fromReport++;
                } catch (IOException e) {
                    LOG.warn("cannot read the gallery {}: {}", file, e.getMessage());
                }
            }
        }
        if (fromReport == clusters) {
            return new ClusterExamples(pngs, sizes, "the report's galleries");
        }
        if (assignments.isEmpty()) {
            LOG.info("no example images for {} of {} clusters: the run has no report galleries and no readable {}",
                    clusters - fromReport, clusters, run.assignments().getFileName());
            return new ClusterExamples(pngs, sizes, fromReport > 0 ? "the report's galleries" : "none");
        }
        try {
            Optional<ImageDataset> data = run.openDataset();
            if (data.isEmpty()) {
                return new ClusterExamples(pngs, sizes, fromReport > 0 ? "the report's galleries" : "none");
            }
            int drawn = draw(assignments.get(), data.get(), pngs);
            String source = drawn == 0 ? (fromReport > 0 ? "the report's galleries" : "none")
                    : fromReport > 0 ? "the report's galleries, and assignments.csv with the training data"
                    : "assignments.csv and the training data";
            return new ClusterExamples(pngs, sizes, source);
        } catch (RuntimeException e) {
            LOG.warn("cannot draw example images from {}: {}", run.assignments().getFileName(), e.getMessage());
            return new ClusterExamples(pngs, sizes, fromReport > 0 ? "the report's galleries" : "none");
        }
    }

    /** The run's assignments, or empty when missing or unreadable (the page shows no sizes then). */
    private static Optional<AssignmentsCsv.Rows> readAssignments(RunLayout run) {
        if (!Files.isRegularFile(run.assignments())) {
            return Optional.empty();
        }
        try {
            return Optional.of(AssignmentsCsv.read(run.assignments()));
        } catch (InvalidInputException e) {
            LOG.warn("{}", e.getMessage());
            return Optional.empty();
        }
    }

    private static long[] padded(long[] sizes, int clusters) {
        return java.util.Arrays.copyOf(sizes, clusters);
    }

    /** Draws the grids missing from {@code pngs}: each cluster's most confident rows, ties by row; returns how many. */
    private static int draw(AssignmentsCsv.Rows a, ImageDataset data, byte[][] pngs) {
        List<List<Integer>> members = new ArrayList<>();
        for (int k = 0; k < pngs.length; k++) {
            members.add(new ArrayList<>());
        }
        for (int row = 0; row < a.size(); row++) {
            int k = a.cluster(row);
            if (k >= 0 && k < pngs.length && a.index(row) < data.size()) {
                members.get(k).add(row);
            }
        }
        int side = data.shape().map(s -> s.height()).orElse(64);
        int cell = Math.max(48, Math.min(96, 2 * side));
        int drawn = 0;
        for (int k = 0; k < pngs.length; k++) {
            List<Integer> rows = members.get(k);
            if (pngs[k] != null || rows.isEmpty()) {
                continue;
            }
            rows.sort((x, y) -> {
                int byConfidence = Double.compare(a.confidence(y), a.confidence(x));
                return byConfidence != 0 ? byConfidence : Integer.compare(x, y);
            });
            List<BufferedImage> images = new ArrayList<>();
            for (int row : rows.subList(0, Math.min(PER_CLUSTER, rows.size()))) {
                images.add(ImageGrid.toBufferedImage(data.image(a.index(row))));
            }
            pngs[k] = png(ImageGrid.tile(images, images.size(), cell));
            drawn++;
        }
        return drawn;
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a PNG", e);
        }
        return out.toByteArray();
    }

    /** @return the grid of cluster {@code k}, if there is one */
    Optional<byte[]> png(int k) {
        return k >= 0 && k < pngs.length ? Optional.ofNullable(pngs[k]) : Optional.empty();
    }

    /** @return training images per cluster from {@code assignments.csv}, if it was readable */
    Optional<long[]> sizes() {
        return Optional.ofNullable(sizes).map(long[]::clone);
    }

    /** @return where the grids came from, for the model description */
    String source() {
        return source;
    }

    /** @return K */
    int clusters() {
        return pngs.length;
    }
}
