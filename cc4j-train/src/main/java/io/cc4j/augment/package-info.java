/**
 * Pair construction (the paper's PCB): the train-time augmentations with torchvision semantics, the test
 * transform, and {@link io.cc4j.augment.PairBuilder}, which turns a batch of dataset indices into two
 * augmented views per image on a pool of worker threads.
 *
 * <p>It also makes the two views of TCL's boost (self-labeling) stage: the weak view (CC's
 * {@link io.cc4j.augment.TrainTransform} with TCL's parameters) and the strong view
 * ({@link io.cc4j.augment.StrongTransform}: bicubic resize, flip, random {@link io.cc4j.augment.StrongOp}s,
 * {@link io.cc4j.augment.Cutout}), configured by {@link io.cc4j.augment.BoostAugmentConfig}. The strong
 * view's operations follow PIL 9 ({@code ImageOps}, {@code ImageEnhance}, {@code Image.transform}) exactly on
 * the bytes PIL would hold, see {@code ByteGrid}.
 *
 * <p>Everything works on primitive {@code float} arrays in planar CHW order with values in [0,1]; no
 * per-pixel objects are created. Every random choice comes from a {@link java.util.random.RandomGenerator}
 * passed in by the caller, so a seed replays the same views.
 */
package io.cc4j.augment;
