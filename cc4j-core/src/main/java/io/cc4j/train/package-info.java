/**
 * Training machinery owned by cc4j: the Adam optimizer with exact PyTorch semantics whose state is
 * written into checkpoints, so a resumed run continues exactly where it stopped.
 */
package io.cc4j.train;
