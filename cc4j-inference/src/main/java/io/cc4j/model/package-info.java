/**
 * The network of Contrastive Clustering: ResNet backbones composed from DJL's primitive blocks, the
 * instance-level head (ICH) and the cluster-level head (CCH), the {@link io.cc4j.model.ContrastiveModel}
 * users hold.
 */
package io.cc4j.model;
