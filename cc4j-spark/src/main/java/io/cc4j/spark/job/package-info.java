/**
 * The jobs behind {@code cc4j spark}: assignment ({@link io.cc4j.spark.job.SparkAssignJob}) and the k-means
 * ablation ({@link io.cc4j.spark.job.SparkKMeansJob}), reading images from dataset specs or file systems
 * ({@link io.cc4j.spark.job.ImageSource}) and writing Parquet or CSV.
 */
package io.cc4j.spark.job;
