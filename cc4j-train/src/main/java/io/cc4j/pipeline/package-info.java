/**
 * End-to-end jobs composed from the stages: cluster a dataset with a trained model (or the k-means
 * ablation), finish a training run (assignments, scores, report), and the Fashion-MNIST demo. The CLI
 * commands are thin wrappers over these.
 */
package io.cc4j.pipeline;
