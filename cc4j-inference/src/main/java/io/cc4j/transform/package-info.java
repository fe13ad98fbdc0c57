/**
 * What a trained model sees of an image: the paper's test transform, torchvision's {@code Resize((size, size))}
 * then {@code ToTensor()} ({@link io.cc4j.transform.EvalTransform}), computed as torchvision computes it. The
 * training augmentations live in {@code io.cc4j.augment} of cc4j-train.
 */
package io.cc4j.transform;
