/**
 * What a trained model is on disk: the checkpoint format (model spec, provenance, parameters, optimizer state;
 * streamed, checksummed, written atomically), the run directory's checkpoints, loading a stored model without
 * side effects, and weights in formats other tools read: NumPy {@code .npz} archives under PyTorch's state-dict
 * names (the official Contrastive-Clustering code's {@code Network}), the name mapping between cc4j's
 * parameters and those names, export and import with a JSON sidecar describing the network and its test
 * transform, and TorchScript export through the project's PyTorch reference ({@code scripts/}).
 */
package io.cc4j.model.store;
