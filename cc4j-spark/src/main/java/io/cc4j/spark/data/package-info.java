/** Images as Spark data frames: Spark's image schema to and from cc4j's {@code RawImage}, datasets and files. */
package io.cc4j.spark.data;
