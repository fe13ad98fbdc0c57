/**
 * Using a trained model: {@link io.cc4j.inference.ClusterPredictor}, loaded once from a run directory and safe
 * for concurrent callers, assigns images (decoded, in memory, encoded bytes, or a whole dataset) by the argmax of
 * the cluster head or by the saved k-means {@link io.cc4j.inference.Centroids}, with probabilities and, on
 * request, instance or backbone features; and the files its results are written to. Depends on the model,
 * its store and the test transform only: a model ships and runs without the training code.
 */
package io.cc4j.inference;
