package io.cc4j.report;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageGrid;
import io.cc4j.inference.AssignmentsCsv;
import io.cc4j.io.AtomicFiles;
import io.cc4j.run.RunLayout;
import io.cc4j.train.EpochRecord;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the HTML report of a run directory: {@code RUN_DIR/report/index.html} with its PNG figures beside it
 * (loss and score curves, confusion matrix, cluster sizes, per-cluster image grids) and tables of the final
 * figures, timing and configuration.
 *
 * <p>Whatever is missing or corrupt in the run directory is listed at the top of the page and the rest is still
 * shown. Every file is written atomically; charts are drawn headless.
 *
 * <pre>{@code
 * Path page = ReportWriter.builder(runDir).optDataset(dataset).build().write();
 * }</pre>
 */
public final class ReportWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);
    /** File names this writer produces; only these are ever removed from the report directory. */
    private static final Pattern OWN_FIGURE =
            Pattern.compile("(loss|scores|boost|estimate-k|confusion|sizes|cluster-\\d{3,}-(top|low))\\.png");

    private final Path runDir;
    private final ImageDataset givenDataset;
    private final boolean datasetFromConfig;
    private final List<String> classNames;
    private final int mostConfident;
    private final int leastConfident;

    private ReportWriter(Builder b) {
        this.runDir = b.runDir;
        this.givenDataset = b.dataset;
        this.datasetFromConfig = b.datasetFromConfig;
        this.classNames = b.classNames;
        this.mostConfident = b.mostConfident;
        this.leastConfident = b.leastConfident;
    }

    /**
     * Writes the report with default settings.
     *
     * @param runDir the run directory
     * @param dataset the clustered images, or null for a report without image grids
     * @param classNames class names by label, or null/empty to take the dataset's
     * @return the written {@code index.html}
     * @throws InvalidInputException naming {@code runDir} when it does not exist
     */
    public static Path write(Path runDir, ImageDataset dataset, List<String> classNames) {
        return builder(runDir).optDataset(dataset).optClassNames(classNames).build().write();
    }

    /** Starts a builder for the report of {@code runDir}. */
    public static Builder builder(Path runDir) {
        return new Builder(runDir);
    }

    /**
     * Reads the run directory and writes the report.
     *
     * @return the written {@code index.html}
     * @throws InvalidInputException naming the run directory when it does not exist, or a file that cannot be
     *     written
     */
    public Path write() {
        ensureHeadless();
        RunContents run = RunContents.open(runDir);
        RunLayout layout = run.layout();
        Path out = layout.reportDir();
        List<String> notes = new ArrayList<>(run.problems());
        ImageDataset dataset = dataset(run, notes);
        List<String> names = resolveClassNames(dataset);

        HtmlPage page = new HtmlPage("cc4j report: " + runDir.toAbsolutePath().normalize().getFileName());
        page.heading("Contrastive Clustering report: " + runDir.toAbsolutePath().normalize().getFileName(),
                subtitle(run));

        Optional<AssignmentsCsv.Rows> assignments = run.assignments();
        int[] order = assignments.map(a -> a.hasLabels() ? ClusterOrder.byMatchedClass(a)
                : ClusterOrder.natural(a.clusterCount())).orElse(new int[0]);

        List<ClusterGallery.Pictures> pictures = List.of();
        if (assignments.isPresent() && dataset != null) {
            try {
                pictures = new ClusterGallery(mostConfident, leastConfident, 8).write(assignments.get(), dataset, layout);
            } catch (InvalidInputException | UnsupportedOperationException | IllegalArgumentException e) {
                LOG.warn("image grids skipped: {}", e.getMessage());
                notes.add("image grids skipped: " + e.getMessage());
            }
        } else if (assignments.isPresent() && notes.stream().noneMatch(n -> n.startsWith("image grids"))) {
            notes.add("image grids omitted: no dataset was given to the report");
        }

        page.notice("Some parts of this run could not be shown:", notes);
        ResultTables.finalFigures(page, run);

        Optional<List<io.cc4j.train.BoostEpochRecord>> boost = io.cc4j.train.BoostLog.readLenient(layout);
        if (boost.isPresent()) {
            page.section("Boost");
            page.paragraph("This run continued a Contrastive Clustering model with TCL's self-labeling stage: confident"
                    + " predictions became pseudo-labels, trained with a weak and a strong view of each image.");
            figure(page, out, "boost.png", BoostChart.draw(boost.get()), "Boost stage",
                    "Share of images carrying a pseudo-label, their accuracy against the true classes (best matching),"
                            + " and the cluster head's scores, per boost epoch.", "No boost epochs recorded.");
        }
        Optional<io.cc4j.cluster.KEstimate> estimate = io.cc4j.cluster.KEstimateFile.read(layout);
        if (estimate.isPresent()) {
            page.section("Number of clusters");
            page.paragraph("k-means on the instance features for each K, scored by the cosine silhouette and the"
                    + " other criteria; chosen K: " + estimate.get().chosenK() + ".");
            figure(page, out, layout.estimateKChart().getFileName().toString(),
                    Optional.of(KEstimateChart.draw(estimate.get())), "Estimating K",
                    "Silhouette (and gap, stability) against K; the dashed line marks the chosen K.", "");
        }
        Optional<List<EpochRecord>> metrics = run.metrics();
        if (metrics.isPresent() || boost.isEmpty()) {
            page.section("Training");
        }
        if (metrics.isPresent()) {
            figure(page, out, "loss.png", LossChart.draw(metrics.get()), "Loss curves",
                    "Instance, cluster and total loss per epoch.", "No loss values in " + run.layout().metrics().getFileName() + ".");
            if (MetricSeries.has(metrics.get(), EpochRecord.NMI) || MetricSeries.has(metrics.get(), EpochRecord.ACC)
                    || MetricSeries.has(metrics.get(), EpochRecord.ARI)) {
                figure(page, out, "scores.png", ScoreChart.draw(metrics.get()), "Evaluation scores",
                        "NMI, ACC and ARI of the cluster head on the evaluation subset, per evaluation epoch.",
                        "No finite evaluation scores in " + run.layout().metrics().getFileName() + ".");
            }
        } else if (boost.isEmpty()) {
            page.paragraph("No training curves: " + run.layout().metrics().getFileName() + " is missing or unreadable.");
        }

        page.section("Clusters");
        if (assignments.isPresent()) {
            AssignmentsCsv.Rows a = assignments.get();
            if (a.hasLabels()) {
                figure(page, out, "confusion.png",
                        Optional.of(ConfusionHeatMap.draw(a.contingency(), order, names)), "Confusion matrix",
                        "Rows are clusters, ordered so that the cluster matched to each class (the Hungarian "
                                + "matching ACC uses) comes in that class's place; colour is the share of the "
                                + "cluster's images with that class.", "");
            } else {
                page.paragraph("No confusion matrix: " + run.layout().assignments().getFileName() + " has no labels.");
            }
            figure(page, out, "sizes.png", Optional.of(ClusterSizeChart.draw(a.clusterSizes(), order)),
                    "Cluster sizes", "Images per cluster, in the same order as the confusion matrix.", "");
            ClusterCards.write(page, a, order, names, pictures, mostConfident, leastConfident);
        } else {
            page.paragraph("No cluster figures: " + run.layout().assignments().getFileName() + " is missing or unreadable.");
        }

        ResultTables.timing(page, run);
        ResultTables.configuration(page, run);
        Path index = layout.report();
        AtomicFiles.writeString(index, page.toHtml());
        removeStale(out, page.images());
        LOG.info("report written to {}", index);
        return index;
    }

    /** Deletes figures of an earlier report that this one no longer shows, so the directory matches the page. */
    private static void removeStale(Path out, List<String> linked) {
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (OWN_FIGURE.matcher(name).matches() && !linked.contains(name)) {
                    Files.deleteIfExists(f);
                    LOG.debug("removed stale {}", f);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot tidy {}: {}", out, e.getMessage());
        }
    }

    private static String subtitle(RunContents run) {
        List<String> parts = new ArrayList<>();
        parts.add(run.dir().toAbsolutePath().normalize().toString());
        if (!run.dataSpecs().isEmpty()) {
            parts.add("data: " + String.join(" + ", run.dataSpecs()));
        }
        run.clusters().ifPresent(k -> parts.add(k + " clusters"));
        return String.join(" · ", parts);
    }

    private static void figure(HtmlPage page, Path out, String file, Optional<BufferedImage> image, String alt,
            String caption, String whenEmpty) {
        if (image.isPresent()) {
            ImageGrid.writePng(image.get(), out.resolve(file));
            page.figure(file, alt, caption);
        } else {
            page.paragraph(whenEmpty);
        }
    }

    private ImageDataset dataset(RunContents run, List<String> notes) {
        if (givenDataset != null || !datasetFromConfig) {
            return givenDataset;
        }
        try {
            Optional<ImageDataset> opened = run.openDataset();
            if (opened.isEmpty()) {
                notes.add("image grids omitted: " + run.layout().config().getFileName() + " names no \"data\"");
            }
            return opened.orElse(null);
        } catch (InvalidInputException e) {
            // The images may have moved since training; everything but the grids can still be shown.
            LOG.warn("image grids skipped: cannot open the run's dataset: {}", e.getMessage());
            notes.add("image grids skipped: cannot open the run's dataset: " + e.getMessage());
            return null;
        }
    }

    private List<String> resolveClassNames(ImageDataset dataset) {
        if (classNames != null && !classNames.isEmpty()) {
            return classNames;
        }
        return dataset != null ? dataset.classNames() : List.of();
    }

    private static void ensureHeadless() {
        // Charts are drawn off screen; without this a machine with no display could fail to start AWT.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Formats a score with three decimals, or a dash when it is unknown. */
    static String score(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
    }

    /** Options of a {@link ReportWriter}. */
    public static final class Builder {
        private final Path runDir;
        private ImageDataset dataset;
        private boolean datasetFromConfig;
        private List<String> classNames = List.of();
        private int mostConfident = 16;
        private int leastConfident = 8;

        private Builder(Path runDir) {
            if (runDir == null) {
                throw new InvalidInputException("run directory must be given");
            }
            this.runDir = runDir;
        }

        /** The clustered images, addressed by the {@code index} column of assignments.csv; null for no grids. */
        public Builder optDataset(ImageDataset dataset) {
            this.dataset = dataset;
            return this;
        }

        /**
         * Whether to open the dataset named by the run's {@code config.json} when none is given (default false).
         * When it cannot be opened the report is written without image grids and says why.
         */
        public Builder optDatasetFromConfig(boolean fromConfig) {
            this.datasetFromConfig = fromConfig;
            return this;
        }

        /** Class names by label; by default the dataset's. */
        public Builder optClassNames(List<String> names) {
            this.classNames = names == null ? List.of() : List.copyOf(names);
            return this;
        }

        /** Most confident images shown per cluster (default 16). */
        public Builder optMostConfident(int n) {
            if (n < 1) {
                throw new InvalidInputException("most-confident images per cluster must be >= 1, got " + n);
            }
            this.mostConfident = n;
            return this;
        }

        /** Least confident images shown per cluster (default 8, 0 for none). */
        public Builder optLeastConfident(int n) {
            if (n < 0) {
                throw new InvalidInputException("least-confident images per cluster must be >= 0, got " + n);
            }
            this.leastConfident = n;
            return this;
        }

        /** Builds the writer. */
        public ReportWriter build() {
            return new ReportWriter(this);
        }
    }
}
