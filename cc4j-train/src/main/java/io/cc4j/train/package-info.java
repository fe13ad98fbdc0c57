/**
 * Training: the configuration, the one-stage end-to-end loop with prefetched pair construction, PyTorch-exact
 * Adam, atomic checkpoints and exact resume, and the per-epoch metrics log.
 */
package io.cc4j.train;
