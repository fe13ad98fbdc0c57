package io.cc4j.report;

import io.cc4j.inference.AssignmentsCsv;
import io.cc4j.metrics.ClusterMatching;
import io.cc4j.metrics.ClusteringAccuracy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order in which the report lists clusters: the cluster matched to class 0 first, then the one matched to class
 * 1, ..., then unmatched clusters by decreasing size. The matching is the optimal one-to-one (Hungarian) matching
 * that {@link ClusteringAccuracy} scores, so a good clustering shows as a bright diagonal in the confusion matrix and
 * the diagonal's sum is exactly what ACC counts.
 */
public final class ClusterOrder {
    private ClusterOrder() {
    }

    /**
     * Orders the clusters of labelled assignments by the class they are matched to.
     *
     * @param a assignments with labels (rows without a label are left out of the matching)
     * @return every cluster id {@code 0..a.clusterCount()-1} exactly once, in display order
     */
    public static int[] byMatchedClass(AssignmentsCsv.Rows a) {
        int labelled = 0;
        for (int i = 0; i < a.size(); i++) {
            labelled += a.label(i) >= 0 ? 1 : 0;
        }
        if (labelled == 0) {
            return natural(a.clusterCount());
        }
        int[] truth = new int[labelled];
        int[] pred = new int[labelled];
        for (int i = 0, j = 0; i < a.size(); i++) {
            if (a.label(i) >= 0) {
                truth[j] = a.label(i);
                pred[j++] = a.cluster(i);
            }
        }
        return of(ClusteringAccuracy.match(truth, pred), a.clusterSizes());
    }

    /**
     * Orders clusters by a given matching.
     *
     * @param matching cluster id to class id
     * @param sizes images per cluster id; its length is the number of clusters
     * @return every cluster id exactly once: matched ones by class, then the rest by decreasing size
     */
    public static int[] of(ClusterMatching matching, long[] sizes) {
        List<Integer> order = new ArrayList<>();
        matching.clusterToClass().entrySet().stream()
                .filter(e -> e.getKey() >= 0 && e.getKey() < sizes.length)
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> order.add(e.getKey()));
        List<Integer> rest = new ArrayList<>();
        for (int c = 0; c < sizes.length; c++) {
            if (!order.contains(c)) {
                rest.add(c);
            }
        }
        rest.sort(Comparator.<Integer>comparingLong(c -> -sizes[c]).thenComparingInt(c -> c));
        order.addAll(rest);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The identity order {@code 0..k-1}, for runs without labels. */
    public static int[] natural(int k) {
        int[] order = new int[k];
        Arrays.setAll(order, i -> i);
        return order;
    }
}
