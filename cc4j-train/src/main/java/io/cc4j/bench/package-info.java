/**
 * Benchmarks that print figures: the training step ({@link io.cc4j.bench.StepBenchmark}, through the trainer's
 * own {@link io.cc4j.train.TrainingStep}), pair construction ({@link io.cc4j.bench.AugmentBenchmark}) and online
 * assignment ({@link io.cc4j.bench.AssignBenchmark}, through {@link io.cc4j.inference.ClusterPredictor}). They
 * sit above what they measure, so nothing below depends on them.
 */
package io.cc4j.bench;
