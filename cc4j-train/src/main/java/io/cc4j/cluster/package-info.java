/**
 * Clustering beyond the cluster head: the paper's ablation "CCH replaced by k-means"
 * ({@link io.cc4j.cluster.KMeans}, {@link io.cc4j.cluster.KMeansAblation}, which keeps its centroids for the
 * predictor) on instance-head or backbone features.
 *
 * <p>When K is unknown: {@link io.cc4j.cluster.KEstimator} runs k-means over a range of K on instance features
 * ({@link io.cc4j.cluster.FeatureMatrix}) and scores each K by the {@link io.cc4j.cluster.CosineSilhouette},
 * the {@link io.cc4j.cluster.GapStatistic} and the {@link io.cc4j.cluster.SeedStability}, giving a
 * {@link io.cc4j.cluster.KEstimate}; {@link io.cc4j.cluster.ClusterMerge} merges the clusters of an
 * over-clustered model down to K by the cluster head's weight rows or by centroids;
 * {@link io.cc4j.cluster.SphericalBlobs} generates labelled features with a known K for tests.
 */
package io.cc4j.cluster;
