/**
 * The contrastive losses of Contrastive Clustering: {@link io.cc4j.loss.InstanceContrastiveLoss}
 * (ICH, NT-Xent over the 2N instance features) and {@link io.cc4j.loss.ClusterContrastiveLoss} (CCH,
 * contrast over the 2K cluster columns plus the cluster-entropy terms), both {@link io.cc4j.loss.ContrastiveLoss}es
 * sharing its temperature and NT-Xent cross-entropy. They are DJL {@code Loss}es computed with NDArray operations,
 * so autograd flows through them.
 */
package io.cc4j.loss;
