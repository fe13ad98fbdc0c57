/**
 * The run directory: {@link io.cc4j.run.RunLayout} names every file a training run leaves (configuration,
 * metrics, checkpoints, assignments, summary, report, k-means centroids, boost and estimate-k files), reads and
 * writes them, for the trainer, the predictor, the report, the server, Spark and the command line alike.
 */
package io.cc4j.run;
