/**
 * Clustering with a trained model: online assignment (argmax of the cluster head) through
 * {@link io.cc4j.inference.ClusterAssigner} and {@link io.cc4j.inference.TrainedModel}, the paper's ablation "CCH
 * replaced by k-means" ({@link io.cc4j.cluster.KMeans}, {@link io.cc4j.cluster.KMeansAblation}) on instance-head
 * or backbone features, and the files that hold the results.
 */
package io.cc4j.cluster;
