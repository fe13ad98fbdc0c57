package io.cc4j.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The order in which the report lists clusters: cluster matched to class 0 first, then the one matched to class 1,
 * ..., then unmatched clusters by decreasing size. With this order a good clustering shows as a bright diagonal in
 * the confusion matrix.
 *
 * <p>The matching pairs clusters and classes one to one, greedily by the largest remaining count of the
 * contingency table. This is the order the eye needs; the accuracy figures themselves come from the optimal
 * matching computed where ACC is computed.
 */
public final class ClusterOrder {
    private ClusterOrder() {
    }

    /**
     * Orders clusters by the class they are matched to.
     *
     * @param counts contingency table, {@code counts[cluster][class]}
     * @return every cluster id exactly once, in display order
     */
    public static int[] byMatchedClass(long[][] counts) {
        int k = counts.length;
        int classes = k == 0 ? 0 : counts[0].length;
        int[] clusterOfClass = new int[classes];
        Arrays.fill(clusterOfClass, -1);
        boolean[] used = new boolean[k];
        for (int step = 0; step < Math.min(k, classes); step++) {
            int bestC = -1;
            int bestL = -1;
            long best = -1;
            for (int c = 0; c < k; c++) {
                if (used[c]) {
                    continue;
                }
                for (int l = 0; l < classes; l++) {
                    if (clusterOfClass[l] < 0 && counts[c][l] > best) {
                        best = counts[c][l];
                        bestC = c;
                        bestL = l;
                    }
                }
            }
            used[bestC] = true;
            clusterOfClass[bestL] = bestC;
        }
        List<Integer> order = new ArrayList<>();
        for (int c : clusterOfClass) {
            if (c >= 0) {
                order.add(c);
            }
        }
        List<Integer> rest = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (!used[c]) {
                rest.add(c);
            }
        }
        rest.sort((a, b) -> {
            int bySize = Long.compare(Arrays.stream(counts[b]).sum(), Arrays.stream(counts[a]).sum());
            return bySize != 0 ? bySize : Integer.compare(a, b);
        });
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
