/** Datasets: one random-access abstraction over CIFAR, STL-10, IDX and image-folder readers. */
package io.cc4j.data;
