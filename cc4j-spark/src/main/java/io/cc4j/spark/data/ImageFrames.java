package io.cc4j.spark.data;

import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Data frames of images for Spark jobs.
 *
 * <ul>
 *   <li>{@link #of(SparkSession, String, int, int)}: a cc4j dataset spec (CIFAR, STL-10, IDX, Fashion-MNIST ...)
 *       opened by each executor JVM once, from the same path: the machine's own disk in local mode, a shared mount
 *       on a cluster. Nothing is shipped from the driver but index ranges.</li>
 *   <li>{@link #of(SparkSession, ImageDataset, int[], int)}: any {@link ImageDataset} object (in memory, say)
 *       converted <em>on the driver</em> and shipped inside the tasks: fine for tests and small data.</li>
 *   <li>{@link #files}: image files on any Hadoop file system, read by the executors: the way that scales.</li>
 * </ul>
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
     * @param spec a cc4j dataset spec
     * @return the dataset, opened once per JVM and shared (the driver's copy in local mode is the executors' too)
     */
    public static ImageDataset open(String spec) {
        return OpenDatasets.get(spec);
    }

    /**
     * Images of a dataset spec, read by the executors.
     *
     * @param spark the session
     * @param spec a cc4j dataset spec whose files every executor can read at the same path
     * @param limit the first this many images (0: all)
     * @param partitions how many partitions to spread them over
     * @return rows of {@link #schema()}, images in Spark's image schema (grey as one channel, colour as BGR)
     */
    public static Dataset<Row> of(SparkSession spark, String spec, int limit, int partitions) {
        ImageDataset data = OpenDatasets.get(spec);
        int n = limit > 0 ? Math.min(limit, data.size()) : data.size();
        return spark.range(0, n, 1, Math.max(1, partitions)).mapPartitions(new SpecPartition(absolute(spec)),
                Encoders.row(schema()));
    }

    /**
     * @param spec a dataset spec
     * @return the same spec with its relative paths made absolute here, on the driver (executors run in directories
     *     of their own)
     */
    static String absolute(String spec) {
        int filter = spec.lastIndexOf(DatasetSpec.CLASSES);
        if (filter >= 0) {
            return absolute(spec.substring(0, filter)) + spec.substring(filter);
        }
        int colon = spec.indexOf(':');
        if (colon < 0 || !DatasetSpec.knownKinds().containsKey(spec.substring(0, colon).toLowerCase(Locale.ROOT))) {
            return spec;
        }
        String argument = spec.substring(colon + 1).strip();
        if (argument.isEmpty()) {
            return spec;
        }
        List<String> parts = new ArrayList<>();
        for (String part : argument.split(",", -1)) {
            parts.add(part.isBlank() ? part : Path.of(part.strip()).toAbsolutePath().normalize().toString());
        }
        return spec.substring(0, colon + 1) + String.join(",", parts);
    }

    /**
     * Images of a dataset object as a data frame built on the driver.
     *
     * @param spark the session
     * @param data the dataset
     * @param indices which images, in order
     * @param partitions how many partitions to spread them over (Spark's default parallelism costs no shuffle)
     * @return rows of {@link #schema()}, images in Spark's image schema (grey as one channel, colour as BGR)
     */
    public static Dataset<Row> of(SparkSession spark, ImageDataset data, int[] indices, int partitions) {
        List<Row> rows = new ArrayList<>(indices.length);
        for (int i : indices) {
            String id = data.id(i);
            Integer label = data.hasLabels() ? data.label(i) : null;
            rows.add(RowFactory.create((long) i, id, label, SparkImages.toRow(data.image(i), id)));
        }
        // A local relation: Spark turns the rows into its compact binary rows once, on the driver, and ships those
        // spread over its default parallelism; another partition count costs a shuffle.
        Dataset<Row> frame = spark.createDataFrame(rows, schema());
        int parts = Math.max(1, partitions);
        return parts == spark.sparkContext().defaultParallelism() ? frame : frame.repartition(parts);
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
