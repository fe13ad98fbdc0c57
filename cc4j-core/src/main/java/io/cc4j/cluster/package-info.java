/**
 * Clustering of feature vectors outside the contrastive heads: {@link io.cc4j.cluster.KMeans}, used for the
 * paper's ablation "CCH replaced by k-means" on instance-head or backbone features.
 */
package io.cc4j.cluster;
