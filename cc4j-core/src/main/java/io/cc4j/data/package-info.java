/** Datasets: one random-access abstraction over CIFAR, STL-10, IDX and image-folder readers and in-memory images. */
package io.cc4j.data;
