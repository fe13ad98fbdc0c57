package io.cc4j.cluster;

import io.cc4j.InvalidInputException;
import java.util.Arrays;

/**
 * Merges the {@code K'} clusters of an over-clustered model (trained with more clusters than wanted, e.g. three
 * times as many) down to {@code K}: agglomerative clustering of one vector per old cluster by cosine distance,
 * with {@link Linkage#AVERAGE average linkage} unless told otherwise, stopped at {@code K} groups. The result maps
 * every old cluster to a new one.
 *
 * <p>The vector of a cluster can be:
 * <ul>
 *   <li>its row of the cluster head's last Linear layer ({@link #byHeadWeights}): the head's logit for cluster
 *       {@code k} is {@code w_k . h + b_k}, so two clusters whose rows point the same way respond to the same
 *       backbone features (the bias is left out: it shifts a cluster's share, not what it responds to);</li>
 *   <li>its centroid ({@link #byCentroids}): the mean of the L2-normalised instance features of its images, or
 *       the probability-weighted mean ({@link #bySoftCentroids}), which also exists for clusters that no image
 *       has as its argmax (common when over-clustering).</li>
 * </ul>
 *
 * <p>New clusters are numbered in the order of their smallest old cluster, so old cluster 0 always goes to new
 * cluster 0. Probabilities are merged by summing the probabilities of the old clusters in each group
 * ({@link #remapProbabilities}); the new assignment is then the argmax of the merged probabilities, which can
 * differ from mapping the old argmax ({@link #remapLabels}) when the mass of a group is spread over its members.
 */
public final class ClusterMerge {
    private final int[] mapping;
    private final int into;
    private final double[] heights;

    private ClusterMerge(int[] mapping, int into, double[] heights) {
        this.mapping = mapping;
        this.into = into;
        this.heights = heights;
    }

    /**
     * Merges by the rows of the cluster head's final Linear layer, with average linkage.
     *
     * @param weights {@code K' x d} weight matrix, row-major (row {@code k} feeds the logit of cluster {@code k};
     *     DJL's and PyTorch's Linear weight has exactly this {@code (out, in)} shape)
     * @param clusters {@code K'}
     * @param dimension {@code d}, the head's hidden width
     * @param into {@code K}, in {@code 1..K'}
     * @return the merge
     */
    public static ClusterMerge byHeadWeights(float[] weights, int clusters, int dimension, int into) {
        return byVectors(weights, clusters, dimension, into, Linkage.AVERAGE);
    }

    /**
     * Merges by any one vector per cluster (head rows, centroids, ...), compared by cosine.
     *
     * @param vectors {@code K' x d}, row-major, no row zero
     * @param clusters {@code K'}
     * @param dimension {@code d}
     * @param into {@code K}, in {@code 1..K'}
     * @param linkage how group distances are formed
     * @return the merge
     */
    public static ClusterMerge byVectors(float[] vectors, int clusters, int dimension, int into, Linkage linkage) {
        FeatureMatrix m = FeatureMatrix.of(vectors, clusters, dimension);
        Agglomerative.Result r = Agglomerative.cluster(m.values(), clusters, dimension, into, linkage);
        int[] name = r.groupOf();
        // Number the groups by their smallest member: scanning old ids in order meets each group's name first.
        int[] newId = new int[clusters];
        Arrays.fill(newId, -1);
        int next = 0;
        int[] mapping = new int[clusters];
        for (int old = 0; old < clusters; old++) {
            if (newId[name[old]] < 0) {
                newId[name[old]] = next++;
            }
            mapping[old] = newId[name[old]];
        }
        return new ClusterMerge(mapping, into, r.heights());
    }

    /**
     * Merges by hard centroids: the mean L2-normalised feature of the images assigned to each cluster.
     *
     * @param features the images' instance features
     * @param labels each image's old cluster, in {@code 0..K'-1}
     * @param clusters {@code K'}
     * @param into {@code K}
     * @param linkage how group distances are formed
     * @return the merge
     * @throws InvalidInputException if a cluster has no image (use {@link #bySoftCentroids} or the head weights)
     */
    public static ClusterMerge byCentroids(FeatureMatrix features, int[] labels, int clusters, int into,
            Linkage linkage) {
        return byVectors(centroids(features, labels, clusters), clusters, features.dimension(), into, linkage);
    }

    /**
     * Merges by soft centroids: the mean L2-normalised feature weighted by each image's probability of the cluster.
     *
     * @param features the images' instance features ({@code n x d})
     * @param probabilities {@code n x K'} cluster probabilities, row-major
     * @param clusters {@code K'}
     * @param into {@code K}
     * @param linkage how group distances are formed
     * @return the merge
     */
    public static ClusterMerge bySoftCentroids(FeatureMatrix features, float[] probabilities, int clusters, int into,
            Linkage linkage) {
        return byVectors(softCentroids(features, probabilities, clusters), clusters, features.dimension(), into,
                linkage);
    }

    /**
     * A merge given as a mapping, e.g. read back from a merged run.
     *
     * @param mapping new cluster of each old cluster; every value of {@code 0..K-1} must occur
     * @return the merge (without merge heights)
     */
    public static ClusterMerge ofMapping(int[] mapping) {
        int into = 0;
        for (int m : mapping) {
            if (m < 0) {
                throw new InvalidInputException("merge: mapping has a negative cluster " + m);
            }
            into = Math.max(into, m + 1);
        }
        boolean[] seen = new boolean[into];
        for (int m : mapping) {
            seen[m] = true;
        }
        for (int c = 0; c < into; c++) {
            if (!seen[c]) {
                throw new InvalidInputException("merge: no old cluster maps to new cluster " + c);
            }
        }
        return new ClusterMerge(mapping.clone(), into, new double[0]);
    }

    /**
     * Hard centroids, as used by {@link #byCentroids}.
     *
     * @param features {@code n x d}
     * @param labels old cluster of each row
     * @param clusters {@code K'}
     * @return {@code K' x d} centroids of the L2-normalised rows
     */
    public static float[] centroids(FeatureMatrix features, int[] labels, int clusters) {
        int n = features.rows();
        if (labels.length != n) {
            throw new InvalidInputException("merge: " + labels.length + " labels for " + n + " feature rows");
        }
        double[] weights = new double[n * clusters];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= clusters) {
                throw new InvalidInputException("merge: label " + labels[i] + " is outside 0.." + (clusters - 1));
            }
            weights[i * clusters + labels[i]] = 1;
        }
        float[] out = weightedMeans(features, weights, clusters);
        for (int c = 0; c < clusters; c++) {
            if (Float.isNaN(out[c * features.dimension()])) {
                throw new InvalidInputException("merge: cluster " + c + " has no image, so no centroid; merge by soft "
                        + "centroids or by the head's weights instead");
            }
        }
        return out;
    }

    /**
     * Soft centroids, as used by {@link #bySoftCentroids}.
     *
     * @param features {@code n x d}
     * @param probabilities {@code n x K'} row-major
     * @param clusters {@code K'}
     * @return {@code K' x d} probability-weighted centroids of the L2-normalised rows
     */
    public static float[] softCentroids(FeatureMatrix features, float[] probabilities, int clusters) {
        int n = features.rows();
        if (probabilities.length != (long) n * clusters) {
            throw new InvalidInputException("merge: " + probabilities.length + " probabilities do not form " + n
                    + " x " + clusters);
        }
        double[] weights = new double[probabilities.length];
        for (int i = 0; i < weights.length; i++) {
            if (!(probabilities[i] >= 0) || Float.isInfinite(probabilities[i])) {
                throw new InvalidInputException("merge: probability " + probabilities[i] + " of image " + i / clusters
                        + " is not a finite non-negative number");
            }
            weights[i] = probabilities[i];
        }
        float[] out = weightedMeans(features, weights, clusters);
        for (int c = 0; c < clusters; c++) {
            if (Float.isNaN(out[c * features.dimension()])) {
                throw new InvalidInputException("merge: cluster " + c + " has probability 0 for every image");
            }
        }
        return out;
    }

    /** Weighted means of the unit rows; a cluster of total weight 0 gets NaN. */
    private static float[] weightedMeans(FeatureMatrix features, double[] weights, int clusters) {
        FeatureMatrix unit = features.l2Normalized();
        int n = unit.rows();
        int d = unit.dimension();
        float[] v = unit.values();
        double[] sums = new double[clusters * d];
        double[] total = new double[clusters];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < clusters; c++) {
                double w = weights[i * clusters + c];
                if (w == 0) {
                    continue;
                }
                total[c] += w;
                for (int j = 0; j < d; j++) {
                    sums[c * d + j] += w * v[i * d + j];
                }
            }
        }
        float[] out = new float[clusters * d];
        for (int c = 0; c < clusters; c++) {
            for (int j = 0; j < d; j++) {
                out[c * d + j] = total[c] == 0 ? Float.NaN : (float) (sums[c * d + j] / total[c]);
            }
        }
        return out;
    }

    /** @return number of old clusters {@code K'} */
    public int clusters() {
        return mapping.length;
    }

    /** @return number of new clusters {@code K} */
    public int into() {
        return into;
    }

    /** @return new cluster of each old cluster (a copy) */
    public int[] mapping() {
        return mapping.clone();
    }

    /**
     * @param old an old cluster, {@code 0..K'-1}
     * @return its new cluster
     */
    public int newCluster(int old) {
        return mapping[old];
    }

    /** @return for each new cluster, its old clusters in increasing order */
    public int[][] groups() {
        int[] sizes = new int[into];
        for (int m : mapping) {
            sizes[m]++;
        }
        int[][] groups = new int[into][];
        for (int c = 0; c < into; c++) {
            groups[c] = new int[sizes[c]];
        }
        int[] fill = new int[into];
        for (int old = 0; old < mapping.length; old++) {
            groups[mapping[old]][fill[mapping[old]]++] = old;
        }
        return groups;
    }

    /** @return the linkage distance ({@code 1 - cos} scale) of each merge, in order; empty for {@link #ofMapping} */
    public double[] mergeHeights() {
        return heights.clone();
    }

    /**
     * @param labels old clusters
     * @return the new cluster of each
     */
    public int[] remapLabels(int[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= mapping.length) {
                throw new InvalidInputException("merge: label " + labels[i] + " is outside 0.." + (mapping.length - 1));
            }
            out[i] = mapping[labels[i]];
        }
        return out;
    }

    /**
     * Sums the probabilities of the old clusters of each group.
     *
     * @param probabilities {@code n x K'} row-major
     * @param n number of images
     * @return {@code n x K} row-major (each row still sums to what it summed to)
     */
    public float[] remapProbabilities(float[] probabilities, int n) {
        int from = mapping.length;
        if (probabilities.length != (long) n * from) {
            throw new InvalidInputException("merge: " + probabilities.length + " probabilities do not form " + n
                    + " x " + from);
        }
        float[] out = new float[n * into];
        for (int i = 0; i < n; i++) {
            // Summed in double so that many small members do not lose precision.
            double[] row = new double[into];
            for (int c = 0; c < from; c++) {
                row[mapping[c]] += probabilities[i * from + c];
            }
            for (int c = 0; c < into; c++) {
                out[i * into + c] = (float) row[c];
            }
        }
        return out;
    }

    /**
     * The most probable cluster of each row (ties to the lower index), as the cluster head assigns.
     *
     * @param probabilities {@code n x k} row-major
     * @param n rows
     * @param k columns
     * @return argmax of each row
     */
    public static int[] argmax(float[] probabilities, int n, int k) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (probabilities[i * k + c] > probabilities[i * k + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    @Override
    public String toString() {
        return "ClusterMerge[" + mapping.length + " -> " + into + ", mapping=" + Arrays.toString(mapping) + "]";
    }
}
