package io.cc4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Clustering accuracy: the share of samples whose cluster is mapped to their class under the best
 * one-to-one mapping of clusters to classes, {@code ACC = max_m sum_i 1[y_i = m(c_i)] / n}.
 *
 * <p>The mapping maximises the total of matched contingency-table cells and is found with
 * {@link HungarianAlgorithm} (as with scipy's {@code linear_sum_assignment}). The number of clusters may differ
 * from the number of classes: at most {@code min(clusters, classes)} pairs are matched, and samples in
 * unmatched clusters count as wrong. Ties between equally good matchings do not change the score.
 */
public final class ClusteringAccuracy implements ClusteringMetric {
    /** The metric instance. */
    public static final ClusteringAccuracy INSTANCE = new ClusteringAccuracy();

    private ClusteringAccuracy() {
    }

    /**
     * @param truth ground-truth class id per sample
     * @param pred predicted cluster id per sample
     * @return ACC in (0, 1]
     */
    public static double of(int[] truth, int[] pred) {
        return INSTANCE.score(truth, pred);
    }

    /**
     * The best matching itself, for example to order clusters by the class they stand for in a report.
     *
     * @param truth ground-truth class id per sample
     * @param pred predicted cluster id per sample
     * @return cluster id to class id, with the number of correctly matched samples
     */
    public static ClusterMatching match(int[] truth, int[] pred) {
        return match(new ContingencyTable(truth, pred));
    }

    /**
     * @param table contingency table (rows classes, columns clusters)
     * @return cluster id to class id, with the number of correctly matched samples
     */
    public static ClusterMatching match(ContingencyTable table) {
        long[][] counts = table.matrix();
        int clusters = table.clusters();
        int classes = table.classes();
        // Rows are clusters here so the result reads cluster -> class.
        double[][] weights = new double[clusters][classes];
        for (int r = 0; r < classes; r++) {
            for (int c = 0; c < clusters; c++) {
                weights[c][r] = counts[r][c];
            }
        }
        int[] clusterToRow = HungarianAlgorithm.maximize(weights);
        int[] classIds = table.classIds();
        int[] clusterIds = table.clusterIds();
        Map<Integer, Integer> mapping = new LinkedHashMap<>();
        long matched = 0;
        for (int c = 0; c < clusters; c++) {
            int r = clusterToRow[c];
            if (r >= 0) {
                mapping.put(clusterIds[c], classIds[r]);
                matched += counts[r][c];
            }
        }
        return new ClusterMatching(mapping, matched, table.n());
    }

    @Override
    public double score(ContingencyTable table) {
        return match(table).accuracy();
    }

    @Override
    public String name() {
        return "ACC";
    }

    @Override
    public String toString() {
        return "ClusteringAccuracy";
    }
}
