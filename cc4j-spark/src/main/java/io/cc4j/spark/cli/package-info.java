/**
 * {@code cc4j spark}: the command-line face of the Spark module, a program of its own ({@link
 * io.cc4j.spark.cli.SparkCommand}) so that no other cc4j command loads Spark.
 */
package io.cc4j.spark.cli;
