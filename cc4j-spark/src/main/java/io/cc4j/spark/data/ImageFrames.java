package io.cc4j.spark.data;

import io.cc4j.data.ImageDataset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Data frames of images for Spark jobs.
 *
 * <p>{@link #of} turns a cc4j {@link ImageDataset} (CIFAR, STL-10, IDX, Fashion-MNIST ...) into rows of Spark's
 * image schema <em>on the driver</em>: every image passes through the driver's memory once. That suits local mode,
 * tests and datasets of a few hundred megabytes. At scale, images live as files on a shared file system and are
 * read by the executors themselves: {@link #files}.
 */
public final class ImageFrames {
    /** Column names of {@link #of} frames. */
    public static final String INDEX = "index";
    public static final String ID = "id";
    public static final String LABEL = "label";
    public static final String IMAGE = "image";

    private ImageFrames() {
    }

    /** @return the schema of {@link #of}: index (long), id (string), label (int, null when unlabelled), image */
    public static StructType schema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField(INDEX, DataTypes.LongType, false),
                DataTypes.createStructField(ID, DataTypes.StringType, false),
                DataTypes.createStructField(LABEL, DataTypes.IntegerType, true),
                DataTypes.createStructField(IMAGE, SparkImages.schema(), true)));
    }

    /**
     * Images of a dataset as a data frame built on the driver.
     *
     * @param spark the session
     * @param data the dataset
     * @param indices which images, in order
     * @param partitions how many partitions to spread them over
     * @return rows of {@link #schema()}, images in Spark's image schema (grey as one channel, colour as BGR)
     */
    public static Dataset<Row> of(SparkSession spark, ImageDataset data, int[] indices, int partitions) {
        List<Row> rows = new ArrayList<>(indices.length);
        for (int i : indices) {
            String id = data.id(i);
            Integer label = data.hasLabels() ? data.label(i) : null;
            rows.add(RowFactory.create((long) i, id, label, SparkImages.toRow(data.image(i), id)));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(jsc.parallelize(rows, Math.max(1, partitions)), schema());
    }

    /**
     * Image files under a directory (any Hadoop path: local, HDFS, S3A ...), read by the executors.
     *
     * @param spark the session
     * @param path a directory, searched recursively for PNG, JPEG, BMP and GIF files
     * @param decodedBySpark false: {@code binaryFile} rows (path, modificationTime, length, content), decoded later
     *     by cc4j's PIL-exact decoder; true: Spark's {@code image} source (column {@code image}, BGR, Spark's own
     *     decoding, undecodable files as invalid rows)
     * @return the rows
     */
    public static Dataset<Row> files(SparkSession spark, String path, boolean decodedBySpark) {
        return spark.read().format(decodedBySpark ? "image" : "binaryFile")
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", "*.{png,PNG,jpg,JPG,jpeg,JPEG,bmp,BMP,gif,GIF}")
                .load(path);
    }
}
