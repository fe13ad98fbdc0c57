/**
 * cc4j on Apache Spark: {@link io.cc4j.spark.ClusterAssignmentTransformer} assigns images to clusters with a
 * trained model inside Spark jobs, the model loaded once per executor JVM ({@link io.cc4j.spark.PredictorCache})
 * from any Hadoop file system.
 */
package io.cc4j.spark;
