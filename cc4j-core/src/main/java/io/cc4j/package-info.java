/**
 * cc4j: Contrastive Clustering (Li et al., AAAI 2021) for the JVM.
 *
 * <p>Data flows one way through the packages: {@code data} (images and labels) -> {@code augment} (pair
 * construction) -> {@code model} (ResNet backbone, instance and cluster heads) -> {@code loss} -> {@code train}
 * -> {@code cluster} (assignments) -> {@code metrics} -> {@code report}.
 */
package io.cc4j;
