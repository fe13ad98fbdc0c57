package io.cc4j.cluster;

import java.util.Arrays;

/**
 * Lloyd's algorithm from given centroids, following scikit-learn's {@code _kmeans_single_lloyd}: each iteration
 * assigns every sample to its nearest centroid and moves each centroid to the mean of its samples. It stops
 * when no label changes, when the total squared centroid shift is at most {@code tolerance}, or after
 * {@code maxIterations}; unless labels stopped changing, a last assignment makes the labels match the returned
 * centroids.
 *
 * <p>A cluster left empty is re-seeded deterministically, as scikit-learn's relocation does: the empty clusters
 * take the samples farthest from their centroids (largest distance first, ties to the lower index), and those
 * samples leave their old cluster's mean. A sample is never taken from a cluster of which it is the only member.
 */
final class LloydIterations {
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
        int d = points.dimension();
        float[][] centroids = new float[k][];
        for (int c = 0; c < k; c++) {
            centroids[c] = initial[c].clone();
        }
        int[] previous = null;
        int[] labels = null;
        boolean strict = false;
        boolean converged = false;
        int iteration = 0;
        while (iteration < maxIterations) {
            iteration++;
            EnginePoints.Assignment step = points.assign(centroids, true);
            labels = step.labels();
            float[][] updated = update(points, step, centroids);
            if (Arrays.equals(labels, previous)) {
                strict = true;
                converged = true;
                centroids = updated;
                break;
            }
            double shift = 0;
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
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
            labels = points.assign(centroids, false).labels();
        }
        return new Run(centroids, labels, iteration, converged);
    }

    /**
     * The mean of each cluster, after moving far samples into empty clusters; a cluster still empty (every
     * sample alone in its cluster) keeps its centroid.
     */
    private static float[][] update(EnginePoints points, EnginePoints.Assignment step, float[][] current) {
        int k = current.length;
        int d = points.dimension();
        int[] labels = step.labels();
        long[] counts = new long[k];
        for (int label : labels) {
            counts[label]++;
        }
        double[][] sums = new double[k][d];
        float[] engineSums = step.sums();
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                sums[c][j] = engineSums[c * d + j];
            }
        }
        relocateEmpty(points, step, counts, sums);
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

    /**
     * Gives each empty cluster (in index order) the farthest remaining sample from its centroid that is not
     * alone in its cluster; updates counts and sums in place. An empty cluster that finds no such sample keeps a
     * zero count.
     */
    private static void relocateEmpty(EnginePoints points, EnginePoints.Assignment step, long[] counts, double[][] sums) {
        int empty = 0;
        for (long count : counts) {
            if (count == 0) {
                empty++;
            }
        }
        if (empty == 0) {
            return;
        }
        int[] labels = step.labels();
        float[] distances = step.distances();
        float[] data = points.data();
        int d = points.dimension();
        Integer[] order = new Integer[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Largest distance first; the stable sort keeps ties in index order.
        Arrays.sort(order, (a, b) -> Float.compare(distances[b], distances[a]));
        int next = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] != 0) {
                continue;
            }
            while (next < order.length && counts[labels[order[next]]] <= 1) {
                next++;
            }
            if (next == order.length) {
                return;
            }
            int far = order[next++];
            int old = labels[far];
            for (int j = 0; j < d; j++) {
                double v = data[far * d + j];
                sums[old][j] -= v;
                sums[c][j] = v;
            }
            counts[old]--;
            counts[c] = 1;
        }
    }
}
