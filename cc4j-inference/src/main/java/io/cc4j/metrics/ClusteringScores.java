package io.cc4j.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scores the Contrastive Clustering paper reports for one labeling, plus its sizes.
 *
 * @param nmi normalized mutual information (arithmetic normalisation)
 * @param ari adjusted Rand index
 * @param acc clustering accuracy under the best one-to-one matching
 * @param fmi Fowlkes-Mallows index
 * @param n number of samples
 * @param clusters number of distinct predicted clusters
 * @param classes number of distinct ground-truth classes
 */
public record ClusteringScores(double nmi, double ari, double acc, double fmi, int n, int clusters, int classes) {
    /**
     * Scores a predicted labeling against ground truth, building the contingency table once.
     *
     * @param truth ground-truth class id per sample
     * @param pred predicted cluster id per sample
     * @return all scores
     * @throws io.cc4j.InvalidInputException if the arrays are empty or differ in length
     */
    public static ClusteringScores of(int[] truth, int[] pred) {
        return of(new ContingencyTable(truth, pred));
    }

    /**
     * @param table contingency table of ground truth against predictions
     * @return all scores
     */
    public static ClusteringScores of(ContingencyTable table) {
        return new ClusteringScores(
                NormalizedMutualInformation.INSTANCE.score(table),
                AdjustedRandIndex.INSTANCE.score(table),
                ClusteringAccuracy.INSTANCE.score(table),
                FowlkesMallows.INSTANCE.score(table),
                table.n(),
                table.clusters(),
                table.classes());
    }

    /**
     * The scores as an ordered map with the keys {@code nmi, ari, acc, fmi, n, clusters, classes}, ready to be
     * written as one JSON object.
     *
     * @return a new map in that key order
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nmi", nmi);
        m.put("ari", ari);
        m.put("acc", acc);
        m.put("fmi", fmi);
        m.put("n", n);
        m.put("clusters", clusters);
        m.put("classes", classes);
        return m;
    }
}
