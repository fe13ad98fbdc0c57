/**
 * cc4j: Contrastive Clustering (Li et al., AAAI 2021) for the JVM.
 *
 * <p>Dependencies point downward only (checked by an architecture test): {@code io}, {@code engine},
 * {@code metrics} and {@code data} (images, labels, the one image decoder) at the bottom; then {@code augment}
 * (pair construction and the test transform); {@code model} (ResNets, heads) with {@code model.store} (checkpoints
 * and weight files); {@code loss}; {@code inference} (the predictor, which never imports training); {@code train};
 * {@code cluster} (k-means, estimating K, merging); {@code report}; {@code bench}; and {@code pipeline} (jobs
 * composed of the above). The command line, the server and the Spark module are thin layers in their own modules.
 */
package io.cc4j;
