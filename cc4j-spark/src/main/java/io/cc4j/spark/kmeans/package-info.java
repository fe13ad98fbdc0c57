/**
 * k-means on image features at Spark's scale: the paper's "k-means instead of the cluster head" ablation with
 * Spark MLlib ({@link io.cc4j.spark.kmeans.FeatureKMeans}) and a K sweep scored by the cosine silhouette
 * ({@link io.cc4j.spark.kmeans.KSweep}).
 */
package io.cc4j.spark.kmeans;
