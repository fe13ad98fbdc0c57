/**
 * External clustering metrics: how well predicted cluster ids agree with ground-truth class ids.
 *
 * <p>Every metric is one small class with a static {@code of(int[] truth, int[] pred)} and an instance
 * implementing {@link io.cc4j.metrics.ClusteringMetric}; all of them read one shared
 * {@link io.cc4j.metrics.ContingencyTable}. NMI, ARI and FMI follow scikit-learn's definitions and edge
 * cases exactly (the numbers the Contrastive Clustering paper reports); ACC uses the best one-to-one matching
 * of clusters to classes found by {@link io.cc4j.metrics.HungarianAlgorithm}. {@link io.cc4j.metrics.LabelFiles}
 * reads label and prediction files for {@code cc4j evaluate}.
 */
package io.cc4j.metrics;
