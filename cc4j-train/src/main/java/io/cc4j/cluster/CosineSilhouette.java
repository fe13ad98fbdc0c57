package io.cc4j.cluster;

import io.cc4j.InvalidInputException;

/**
 * The silhouette coefficient (Rousseeuw 1987) with the cosine distance {@code 1 - cos(x, y)}, as scikit-learn's
 * {@code silhouette_samples(X, labels, metric="cosine")} and {@code silhouette_score} define it.
 *
 * <p>For sample {@code i} in cluster {@code A}: {@code a(i)} is its mean distance to the other members of
 * {@code A}, {@code b(i)} the smallest mean distance to the members of another cluster, and
 * {@code s(i) = (b - a) / max(a, b)}; {@code s(i) = 0} when {@code A} has one member or {@code a = b = 0}. The
 * score is the mean of {@code s(i)} over all samples. Labels may be any non-negative ids; only the ids present
 * count as clusters, and there must be between 2 and {@code n - 1} of them (scikit-learn raises otherwise).
 *
 * <p><b>Computed in O(n K d), exactly, not O(n^2 d).</b> With unit vectors {@code u} (rows divided by their
 * norms in double, which is what the cosine does), the distances of {@code i} to all members of cluster {@code C}
 * sum to {@code |C| - u_i . S_C}, where {@code S_C} is the sum of the unit vectors of {@code C}: one dot product
 * per cluster instead of one per sample. The own cluster excludes {@code i} itself by subtracting
 * {@code u_i . u_i}. Everything is in double; scikit-learn computes the full distance matrix and clips each
 * distance to {@code [0, 2]}, which only removes rounding, so the two agree to about 1e-12 (checked against a
 * NumPy transcription of scikit-learn's code, see the test resources). On float32 input scikit-learn computes
 * its distance matrix in float32, so it differs from this by float32 rounding (about 1e-7).
 *
 * <p><b>Spark.</b> Spark ML's {@code ClusteringEvaluator} with {@code distanceMeasure = "cosine"} uses the same
 * cluster-sum formula and, in its current source, rescales the own-cluster mean by {@code |A| / (|A| - 1)} to
 * exclude the point itself, so for non-zero vectors it computes this same definition. The definition that
 * differs is Spark's default {@code "squaredEuclidean"} silhouette, which uses squared distances where
 * scikit-learn's {@code "euclidean"} uses plain ones. cc4j reports the scikit-learn definition (the one the
 * clustering literature and most readers compute), with the cosine because contrastive features are compared by
 * cosine in training.
 *
 * <p>A row of zeros has no direction: it is rejected (scikit-learn would give it distance 1 to everything).
 */
public final class CosineSilhouette {
    private CosineSilhouette() {
    }

    /**
     * The silhouette score: the mean silhouette of all samples.
     *
     * @param features {@code n x d} vectors (normalised internally; any non-zero length)
     * @param labels cluster id of each vector, non-negative
     * @return the mean silhouette in {@code [-1, 1]}
     * @throws InvalidInputException if the sizes differ, a label is negative, a row is zero, or the number of
     *     distinct labels is not in {@code 2..n-1}
     */
    public static double score(FeatureMatrix features, int[] labels) {
        double[] s = samples(features, labels);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return sum / s.length;
    }

    /**
     * The silhouette score on a seeded sample of at most {@code sampleSize} vectors (all when there are fewer),
     * computed among the sampled vectors only, as scikit-learn's {@code silhouette_score(..., sample_size)} does
     * (its sample is drawn by NumPy's generator, this one by {@link FeatureMatrix#sampleIndices}).
     *
     * @param features {@code n x d} vectors
     * @param labels cluster id of each vector
     * @param sampleSize largest sample; {@code <= 0} means all
     * @param seed seed of the sample
     * @return the mean silhouette of the sample
     */
    public static double score(FeatureMatrix features, int[] labels, int sampleSize, long seed) {
        checkLength(features, labels);
        int[] indices = FeatureMatrix.sampleIndices(features.rows(), sampleSize, seed);
        if (indices.length == features.rows()) {
            return score(features, labels);
        }
        int[] sampled = new int[indices.length];
        for (int r = 0; r < indices.length; r++) {
            sampled[r] = labels[indices[r]];
        }
        return score(features.select(indices), sampled);
    }

    /**
     * The silhouette of every sample.
     *
     * @param features {@code n x d} vectors
     * @param labels cluster id of each vector, non-negative
     * @return {@code s(i)} for each sample
     */
    public static double[] samples(FeatureMatrix features, int[] labels) {
        checkLength(features, labels);
        int n = features.rows();
        int d = features.dimension();
        int[] cluster = compactLabels(labels, n);
        int k = 0;
        for (int c : cluster) {
            k = Math.max(k, c + 1);
        }
        if (k < 2 || k > n - 1) {
            throw new InvalidInputException("silhouette: " + k + " distinct labels among " + n
                    + " samples; valid values are 2 to n - 1");
        }
        double[] unit = unitRows(features);
        long[] counts = new long[k];
        double[] sums = new double[k * d];
        for (int i = 0; i < n; i++) {
            int c = cluster[i];
            counts[c]++;
            for (int j = 0, o = i * d, s = c * d; j < d; j++) {
                sums[s + j] += unit[o + j];
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int own = cluster[i];
            if (counts[own] == 1) {
                continue;
            }
            int o = i * d;
            double self = 0;
            for (int j = 0; j < d; j++) {
                self += unit[o + j] * unit[o + j];
            }
            double a = Double.NaN;
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dot = 0;
                for (int j = 0, s = c * d; j < d; j++) {
                    dot += unit[o + j] * sums[s + j];
                }
                if (c == own) {
                    a = clip(((counts[c] - 1) - (dot - self)) / (counts[c] - 1));
                } else {
                    b = Math.min(b, clip((counts[c] - dot) / counts[c]));
                }
            }
            double max = Math.max(a, b);
            out[i] = max == 0 ? 0 : (b - a) / max;
        }
        return out;
    }

    /** A mean of distances in {@code [0, 2]} lies in {@code [0, 2]}: clip the rounding of the linear form. */
    private static double clip(double meanDistance) {
        return Math.min(2, Math.max(0, meanDistance));
    }

    /** Rows divided by their norms, in double. */
    private static double[] unitRows(FeatureMatrix features) {
        int n = features.rows();
        int d = features.dimension();
        float[] x = features.values();
        double[] unit = new double[n * d];
        for (int i = 0; i < n; i++) {
            double norm = Math.sqrt(FeatureMatrix.squaredNorm(x, i * d, d));
            if (norm == 0) {
                throw new InvalidInputException("silhouette: row " + i + " is all zeros; the cosine needs a direction");
            }
            for (int j = 0, o = i * d; j < d; j++, o++) {
                unit[o] = x[o] / norm;
            }
        }
        return unit;
    }

    /** Maps the label ids present to {@code 0..k-1} in increasing order of id. */
    static int[] compactLabels(int[] labels, int n) {
        int[] ids = labels.clone();
        java.util.Arrays.sort(ids);
        if (ids.length > 0 && ids[0] < 0) {
            throw new InvalidInputException("labels must be non-negative, got " + ids[0]);
        }
        int distinct = 0;
        for (int i = 0; i < ids.length; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                ids[distinct++] = ids[i];
            }
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.binarySearch(ids, 0, distinct, labels[i]);
        }
        return out;
    }

    private static void checkLength(FeatureMatrix features, int[] labels) {
        if (labels == null || labels.length != features.rows()) {
            throw new InvalidInputException("silhouette: " + (labels == null ? 0 : labels.length) + " labels for "
                    + features.rows() + " samples");
        }
    }
}
