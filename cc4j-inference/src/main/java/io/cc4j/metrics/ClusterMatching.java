package io.cc4j.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The best one-to-one matching of predicted clusters to ground-truth classes, the one that
 * {@link ClusteringAccuracy} scores.
 *
 * @param clusterToClass matched class id of each matched cluster id, in ascending cluster id order;
 *     clusters left over (more clusters than classes) are absent
 * @param matched samples whose cluster is matched to their own class
 * @param n all samples
 */
public record ClusterMatching(Map<Integer, Integer> clusterToClass, long matched, int n) {
    /** Makes an unmodifiable copy of the map, keeping its order. */
    public ClusterMatching {
        clusterToClass = Collections.unmodifiableMap(new LinkedHashMap<>(clusterToClass));
    }

    /** @return {@code matched / n}, the clustering accuracy */
    public double accuracy() {
        return (double) matched / n;
    }

    /**
     * @param clusterId a predicted cluster id
     * @return the class id it is matched to, empty if the cluster is unmatched or unknown
     */
    public OptionalInt classOf(int clusterId) {
        Integer c = clusterToClass.get(clusterId);
        return c == null ? OptionalInt.empty() : OptionalInt.of(c);
    }
}
