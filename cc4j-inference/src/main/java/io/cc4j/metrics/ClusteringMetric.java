package io.cc4j.metrics;

/**
 * An external clustering metric: a score of a predicted labeling against ground truth, computed from their
 * {@link ContingencyTable}. Every metric is invariant to renaming class or cluster ids.
 */
public interface ClusteringMetric {
    /**
     * @param table contingency table of ground truth (rows) against predictions (columns)
     * @return the score
     */
    double score(ContingencyTable table);

    /**
     * @param truth ground-truth class id per sample
     * @param pred predicted cluster id per sample
     * @return the score
     * @throws io.cc4j.InvalidInputException if the arrays are empty or differ in length
     */
    default double score(int[] truth, int[] pred) {
        return score(new ContingencyTable(truth, pred));
    }

    /** @return a short name, such as {@code "NMI"} */
    String name();
}
