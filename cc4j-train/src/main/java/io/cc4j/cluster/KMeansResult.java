package io.cc4j.cluster;

import io.cc4j.InvalidInputException;

/**
 * A fitted k-means model: the centroids, the cluster of every training sample and the within-cluster sum of
 * squared distances (inertia). Immutable; accessors return copies.
 */
public final class KMeansResult {
    private final int[] labels;
    private final float[][] centroids;
    private final double inertia;

    KMeansResult(int[] labels, float[][] centroids, double inertia) {
        this.labels = labels;
        this.centroids = centroids;
        this.inertia = inertia;
    }

    /** @return the number of clusters */
    public int k() {
        return centroids.length;
    }

    /** @return the dimension of the feature vectors */
    public int dimension() {
        return centroids[0].length;
    }

    /** @return cluster index in {@code 0..k-1} of each training sample (a copy) */
    public int[] labels() {
        return labels.clone();
    }

    /** @return the {@code k x d} centroids (a copy) */
    public float[][] centroids() {
        float[][] copy = new float[centroids.length][];
        for (int c = 0; c < copy.length; c++) {
            copy[c] = centroids[c].clone();
        }
        return copy;
    }

    /** @return sum over training samples of the squared Euclidean distance to their centroid */
    public double inertia() {
        return inertia;
    }

    /**
     * Assigns a new vector to its nearest centroid (ties go to the lower index).
     *
     * @param x feature vector of length {@link #dimension()}
     * @return cluster index in {@code 0..k-1}
     * @throws InvalidInputException if the length is wrong
     */
    public int predict(float[] x) {
        if (x == null || x.length != dimension()) {
            throw new InvalidInputException("vector has length " + (x == null ? 0 : x.length)
                    + ", the k-means model expects " + dimension());
        }
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double dist = 0;
            float[] centroid = centroids[c];
            for (int j = 0; j < centroid.length; j++) {
                double diff = (double) x[j] - centroid[j];
                dist += diff * diff;
            }
            if (dist < bestDist) {
                bestDist = dist;
                best = c;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "KMeansResult[k=" + k() + ", n=" + labels.length + ", inertia=" + inertia + "]";
    }
}
