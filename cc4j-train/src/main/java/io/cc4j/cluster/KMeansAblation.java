package io.cc4j.cluster;

import io.cc4j.InvalidInputException;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.Centroids;
import io.cc4j.model.FeatureKind;

/**
 * The paper's ablation "CCH replaced by k-means": k-means (k-means++ init, several seeded restarts) on the
 * features of a trained model instead of the cluster head's argmax. Also used for the raw-pixel baseline.
 */
public final class KMeansAblation {
    private KMeansAblation() {
    }

    /**
     * The ablation's result: the images re-clustered by k-means, and the centroids, which a predictor can use to
     * assign new images the same way ({@link io.cc4j.inference.AssignmentMethod#KMEANS}).
     *
     * @param assignments the images with their k-means clusters; confidence = 1 / (1 + distance to the centroid)
     * @param centroids the k-means centroids in the features' space
     */
    public record Fitted(Assignments assignments, Centroids centroids) {
    }

    /**
     * Re-clusters assignments that carry features, keeping the centroids.
     *
     * @param withFeatures assignments computed with features of the given kind
     * @param kind which features they are
     * @param k clusters
     * @param restarts k-means++ restarts; the lowest inertia wins
     * @param seed seed of the initialisations
     * @return the re-clustered images and the centroids
     */
    public static Fitted fit(Assignments withFeatures, FeatureKind kind, int k, int restarts, long seed) {
        if (withFeatures.features() == null) {
            throw new IllegalArgumentException("assignments carry no features");
        }
        int n = withFeatures.size();
        int d = withFeatures.featureDim();
        KMeansResult r = fit(withFeatures.features(), n, d, k, restarts, seed);
        float[][] c = r.centroids();
        float[] flat = new float[k * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(c[j], 0, flat, j * d, d);
        }
        Centroids centroids = new Centroids(kind, k, d, flat);
        float[] conf = new float[n];
        float[] f = withFeatures.features();
        int[] labels = r.labels();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = f[i * d + j] - c[labels[i]][j];
                s += diff * diff;
            }
            conf[i] = (float) (1 / (1 + Math.sqrt(s)));
        }
        return new Fitted(withFeatures.withClusters(labels, conf, k), centroids);
    }

    /**
     * Re-clusters assignments that carry features.
     *
     * @param withFeatures assignments computed with features (instance or backbone)
     * @param k clusters
     * @param restarts k-means++ restarts; the lowest inertia wins
     * @param seed seed of the initialisations
     * @return the same images with k-means clusters; confidence = 1 / (1 + distance to the centroid)
     */
    public static Assignments cluster(Assignments withFeatures, int k, int restarts, long seed) {
        return fit(withFeatures, FeatureKind.INSTANCE, k, restarts, seed).assignments();
    }

    /** k-means labels of n x d row-major data. */
    public static int[] labels(float[] data, int n, int d, int k, int restarts, long seed) {
        return fit(data, n, d, k, restarts, seed).labels();
    }

    private static KMeansResult fit(float[] data, int n, int d, int k, int restarts, long seed) {
        if (k > n) {
            throw new InvalidInputException("k-means needs at least k = " + k + " images, got " + n);
        }
        return KMeans.builder().setK(k).optNInit(restarts).optSeed(seed).build().fit(data, n, d);
    }
}
