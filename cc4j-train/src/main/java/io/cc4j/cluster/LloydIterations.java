package io.cc4j.cluster;

import java.util.Arrays;

/**
 * Lloyd's algorithm from given centroids, following scikit-learn's {@code _kmeans_single_lloyd}: each iteration
 * assigns every sample to its nearest centroid and moves each centroid to the mean of its samples. It stops
 * when no label changes, when the total squared centroid shift is at most {@code tolerance}, or after
 * {@code maxIterations}; unless labels stopped changing, a last assignment makes the labels match the returned
 * centroids.
 *
 * <p>The per-cluster sums are kept in double. They are computed on the engine (one-hot transposed times samples)
 * when many labels changed, and otherwise updated in Java by moving only the samples that changed cluster: late
 * iterations move few samples, so this skips a pass over the data.
 *
 * <p>A cluster left empty is re-seeded deterministically, as scikit-learn's relocation does: the empty clusters
 * (in index order) take the samples farthest from their centroids (largest distance first, ties to the lower
 * index), and those samples leave their old cluster's mean. A sample is never taken from a cluster of which it is
 * the only member; a cluster that still finds none keeps its centroid.
 */
final class LloydIterations {
    /** Above this fraction of changed labels the sums are recomputed on the engine instead of updated. */
    private static final double RECOMPUTE_FRACTION = 0.125;

    private LloydIterations() {
    }

    /**
     * Result of one run.
     *
     * @param centroids {@code k x d} final centroids
     * @param labels nearest of those centroids for every sample (float32 distances)
     * @param iterations Lloyd iterations done
     * @param converged whether labels stopped changing or the shift fell below the tolerance
     */
    record Run(float[][] centroids, int[] labels, int iterations, boolean converged) {
    }

    /**
     * Runs Lloyd's iterations.
     *
     * @param points samples on the engine
     * @param initial {@code k x d} starting centroids (not modified)
     * @param maxIterations at most this many iterations
     * @param tolerance stop when the sum over centroids of the squared shift is at most this
     * @return the final centroids and labels
     */
    static Run run(EnginePoints points, float[][] initial, int maxIterations, double tolerance) {
        int k = initial.length;
        float[][] centroids = new float[k][];
        for (int c = 0; c < k; c++) {
            centroids[c] = initial[c].clone();
        }
        ClusterSums sums = new ClusterSums(points, k);
        int[] previous = null;
        int[] labels = null;
        boolean strict = false;
        boolean converged = false;
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            EnginePoints.Nearest step = points.assign(centroids);
            labels = step.labels();
            sums.moveTo(labels);
            sums.relocateEmpty(step.distances());
            float[][] updated = sums.means(centroids);
            if (Arrays.equals(labels, previous)) {
                strict = true;
                converged = true;
                centroids = updated;
                break;
            }
            double shift = 0;
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < updated[c].length; j++) {
                    double diff = (double) updated[c][j] - centroids[c][j];
                    shift += diff * diff;
                }
            }
            centroids = updated;
            if (shift <= tolerance) {
                converged = true;
                break;
            }
            previous = labels;
        }
        if (!strict) {
            labels = points.assign(centroids).labels();
        }
        return new Run(centroids, labels, iteration, converged);
    }

    /** Per-cluster sums and counts in double, and the cluster each sample is counted in. */
    private static final class ClusterSums {
        private final EnginePoints points;
        private final int k;
        private final int d;
        private final long[] counts;
        private double[][] sums;
        /** Cluster each sample is counted in: the last labels, except samples moved by relocation. */
        private int[] members;

        ClusterSums(EnginePoints points, int k) {
            this.points = points;
            this.k = k;
            this.d = points.dimension();
            this.counts = new long[k];
        }

        /** Makes the sums those of the given labels. */
        void moveTo(int[] labels) {
            int changed = 0;
            if (members != null) {
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] != members[i]) {
                        changed++;
                    }
                }
            }
            if (members == null || changed > RECOMPUTE_FRACTION * labels.length) {
                sums = points.clusterSums(labels, k);
                Arrays.fill(counts, 0);
                for (int label : labels) {
                    counts[label]++;
                }
            } else if (changed > 0) {
                float[] data = points.data();
                for (int i = 0; i < labels.length; i++) {
                    int from = members[i];
                    int to = labels[i];
                    if (from != to) {
                        double[] out = sums[from];
                        double[] in = sums[to];
                        for (int j = 0, o = i * d; j < d; j++, o++) {
                            out[j] -= data[o];
                            in[j] += data[o];
                        }
                        counts[from]--;
                        counts[to]++;
                    }
                }
            }
            members = labels.clone();
        }

        /** Gives each empty cluster the farthest sample (by {@code distances}) that is not alone in its cluster. */
        void relocateEmpty(float[] distances) {
            int empty = 0;
            for (long count : counts) {
                if (count == 0) {
                    empty++;
                }
            }
            if (empty == 0) {
                return;
            }
            Integer[] order = new Integer[members.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            // Largest distance first; the stable sort keeps ties in index order.
            Arrays.sort(order, (a, b) -> Float.compare(distances[b], distances[a]));
            float[] data = points.data();
            int next = 0;
            for (int c = 0; c < k; c++) {
                if (counts[c] != 0) {
                    continue;
                }
                while (next < order.length && counts[members[order[next]]] <= 1) {
                    next++;
                }
                if (next == order.length) {
                    return;
                }
                int far = order[next++];
                int old = members[far];
                for (int j = 0; j < d; j++) {
                    double v = data[far * d + j];
                    sums[old][j] -= v;
                    sums[c][j] = v;
                }
                counts[old]--;
                counts[c] = 1;
                members[far] = c;
            }
        }

        /** Means of the clusters; an empty cluster keeps its centroid from {@code current}. */
        float[][] means(float[][] current) {
            float[][] centroids = new float[k][d];
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    centroids[c] = current[c].clone();
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    centroids[c][j] = (float) (sums[c][j] / counts[c]);
                }
            }
            return centroids;
        }
    }
}
