package io.cc4j.cluster;

import java.util.SplittableRandom;

/**
 * Greedy k-means++ seeding as scikit-learn does it (Arthur and Vassilvitskii 2007, with local trials): the first
 * centre is a uniformly drawn sample; each next centre is the best of {@code 2 + floor(ln k)} candidates drawn
 * with probability proportional to the squared distance to the nearest centre chosen so far, "best" meaning the
 * one that lowers the potential (sum of those squared distances) most.
 *
 * <p>The candidates' distances to all samples come from the engine in one batch; the cumulative sums, the
 * draws and the potentials are computed in Java in double precision, so the choice depends only on the random
 * stream.
 */
final class KMeansPlusPlus {
    private KMeansPlusPlus() {
    }

    /**
     * Chooses {@code k} initial centroids.
     *
     * @param points the samples on the engine
     * @param k number of centroids, at most the number of samples
     * @param random the restart's random stream (every draw of the seeding comes from it)
     * @return {@code k x d} centroids, each a copy of a sample
     */
    static float[][] seed(EnginePoints points, int k, SplittableRandom random) {
        int n = points.size();
        int trials = 2 + (int) Math.floor(Math.log(k));
        float[][] centroids = new float[k][];
        centroids[0] = row(points, random.nextInt(n));
        float[] closest = points.squaredDistances(new float[][] {centroids[0]})[0];
        double[] cumulative = new double[n];
        for (int c = 1; c < k; c++) {
            double potential = cumulativeSum(closest, cumulative);
            int[] candidates = new int[trials];
            float[][] rows = new float[trials][];
            for (int t = 0; t < trials; t++) {
                candidates[t] = searchSorted(cumulative, random.nextDouble() * potential);
                rows[t] = row(points, candidates[t]);
            }
            float[][] distances = points.squaredDistances(rows);
            int best = 0;
            double bestPotential = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double candidatePotential = 0;
                float[] dist = distances[t];
                for (int i = 0; i < n; i++) {
                    candidatePotential += Math.min(closest[i], dist[i]);
                }
                if (candidatePotential < bestPotential) {
                    bestPotential = candidatePotential;
                    best = t;
                }
            }
            centroids[c] = rows[best];
            float[] dist = distances[best];
            for (int i = 0; i < n; i++) {
                closest[i] = Math.min(closest[i], dist[i]);
            }
        }
        return centroids;
    }

    /** Fills {@code out} with the running sums of {@code values} and returns the total. */
    private static double cumulativeSum(float[] values, double[] out) {
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i];
            out[i] = sum;
        }
        return sum;
    }

    /** First index whose cumulative sum reaches {@code value} (numpy's searchsorted, left side), clipped to n-1. */
    static int searchSorted(double[] cumulative, double value) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static float[] row(EnginePoints points, int i) {
        int d = points.dimension();
        float[] out = new float[d];
        System.arraycopy(points.data(), i * d, out, 0, d);
        return out;
    }
}
