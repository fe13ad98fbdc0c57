/**
 * Datasets: one random-access abstraction over CIFAR, STL-10, IDX and image-folder readers and in-memory images,
 * and {@link io.cc4j.data.ImageDecoder}, the one path from encoded images (PNG, JPEG, BMP, GIF) and
 * {@code BufferedImage}s to the RGB pixels PIL's {@code convert("RGB")} gives.
 */
package io.cc4j.data;
