/**
 * Pair construction (the paper's PCB): the train-time augmentations with torchvision semantics, the test
 * transform, and {@link io.cc4j.augment.PairBuilder}, which turns a batch of dataset indices into two
 * augmented views per image on a pool of worker threads.
 *
 * <p>Everything works on primitive {@code float} arrays in planar CHW order with values in [0,1]; no
 * per-pixel objects are created. Every random choice comes from a {@link java.util.random.RandomGenerator}
 * passed in by the caller, so a seed replays the same views.
 */
package io.cc4j.augment;
