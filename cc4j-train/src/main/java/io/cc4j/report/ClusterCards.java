package io.cc4j.report;

import io.cc4j.inference.AssignmentsCsv;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The per-cluster section: one card per cluster with its size, majority class, purity and image grids. */
final class ClusterCards {
    private ClusterCards() {
    }

    /**
     * Appends the cluster table and cards.
     *
     * @param pictures the grids written, indexed by cluster id, or empty when there are no images
     */
    static void write(HtmlPage page, AssignmentsCsv.Rows a, int[] order, List<String> names,
            List<ClusterGallery.Pictures> pictures, int mostConfident, int leastConfident) {
        long[] sizes = a.clusterSizes();
        long[][] counts = a.hasLabels() ? a.contingency() : null;
        page.section("Cluster members");
        if (pictures.isEmpty()) {
            page.paragraph("Image grids are not shown (see the notes at the top); the table lists every cluster.");
        } else {
            page.paragraph("For each cluster, its " + mostConfident + " most confident images and, below, its "
                    + leastConfident + " least confident ones (the most doubtful first).");
        }
        List<List<String>> rows = new ArrayList<>();
        page.beginClusters();
        for (int c : order) {
            String heading = "Cluster " + c + " · " + sizes[c] + " images";
            String majority = "";
            String purity = "";
            if (counts != null) {
                int best = 0;
                long labelled = 0;
                for (int l = 0; l < counts[c].length; l++) {
                    labelled += counts[c][l];
                    if (counts[c][l] > counts[c][best]) {
                        best = l;
                    }
                }
                if (labelled > 0) {
                    majority = best < names.size() && !names.get(best).isBlank() ? names.get(best) : "class " + best;
                    purity = String.format(Locale.ROOT, "%.1f%%", 100.0 * counts[c][best] / labelled);
                    heading += " · " + majority + " (" + purity + " pure)";
                }
            }
            rows.add(counts == null ? List.of(Integer.toString(c), Long.toString(sizes[c]))
                    : List.of(Integer.toString(c), Long.toString(sizes[c]), majority, purity));
            if (!pictures.isEmpty()) {
                ClusterGallery.Pictures p = pictures.get(c);
                List<String[]> imgs = new ArrayList<>();
                if (p.topFile() != null) {
                    imgs.add(new String[] {"most confident", p.topFile()});
                }
                if (p.lowFile() != null) {
                    imgs.add(new String[] {"least confident", p.lowFile()});
                }
                if (!imgs.isEmpty()) {
                    page.cluster(heading, imgs);
                }
            }
        }
        page.endClusters();
        if (pictures.isEmpty()) {
            page.table(counts == null ? List.of("cluster", "images")
                    : List.of("cluster", "images", "majority class", "purity"), rows, false);
        }
    }
}
