package io.cc4j.spark.job;

import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.spark.data.ImageFrames;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Where a Spark job's images come from, from what the user typed after {@code --data}.
 *
 * <ul>
 *   <li>A cc4j dataset spec ({@code fashion-mnist:DIR}, {@code cifar10:DIR}, {@code idx:...}, ...): opened by
 *       each executor JVM at the same path, rows of Spark's image schema ({@link ImageFrames#of(SparkSession,
 *       String, int, int)}); local mode, or a cluster with the files on a shared mount.</li>
 *   <li>{@code folder:DIR} or a bare path or URI ({@code /data/images}, {@code hdfs:///images},
 *       {@code s3a://bucket/images}): image files read by the executors themselves, the way that scales.</li>
 * </ul>
 *
 * @param frame the rows
 * @param inputCol the column holding the images (Spark's image struct or encoded bytes)
 * @param keyCols the columns that identify each image in the output
 * @param labelled whether the rows carry integer labels (column {@code label})
 * @param description what was read, for messages
 */
public record ImageSource(Dataset<Row> frame, String inputCol, List<String> keyCols, boolean labelled,
        String description) {
    /**
     * Images per task when no partition count is given. The model loads once per executor, not per task, so a task
     * adds only Spark's scheduling, small beside a thousand images, and a lost executor costs only the tasks it was
     * running (docs/spark.md compares task sizes on a cluster).
     */
    public static final int DEFAULT_IMAGES_PER_TASK = 1_000;

    /**
     * @param spark the session
     * @param data a dataset spec, {@code folder:DIR}, or a path or URI of an image directory
     * @param decodedBySpark for files: read with Spark's {@code image} source instead of as bytes for cc4j's decoder
     * @param limit for dataset specs: the first this many images (0: all)
     * @param partitions partitions to spread the images over, that is tasks (0: from {@code imagesPerTask})
     * @param imagesPerTask without {@code partitions}: about this many images per task, so that the partitions
     *     follow the data, not the executors registered when the job starts
     * @return the source
     */
    public static ImageSource open(SparkSession spark, String data, boolean decodedBySpark, int limit, int partitions,
            int imagesPerTask) {
        int filter = data.lastIndexOf(DatasetSpec.CLASSES);
        String base = filter < 0 ? data : data.substring(0, filter);
        int colon = base.indexOf(':');
        String kind = colon < 0 ? "" : base.substring(0, colon).toLowerCase(Locale.ROOT);
        boolean spec = DatasetSpec.knownKinds().containsKey(kind) || DatasetSpec.knownKinds().containsKey(base);
        // A class filter needs the labels a dataset spec reads, so a filtered folder is opened as a spec too.
        if (spec && (!kind.equals("folder") || filter >= 0)) {
            ImageDataset d = ImageFrames.open(data);
            int n = limit > 0 ? Math.min(limit, d.size()) : d.size();
            int parts = partitions > 0 ? partitions : tasksFor(n, imagesPerTask);
            Dataset<Row> frame = ImageFrames.of(spark, data, limit, parts);
            List<String> keys = d.hasLabels() ? List.of(ImageFrames.INDEX, ImageFrames.ID, ImageFrames.LABEL)
                    : List.of(ImageFrames.INDEX, ImageFrames.ID);
            return new ImageSource(frame, ImageFrames.IMAGE, keys, d.hasLabels(), n + " images of " + d.description()
                    + " in " + tasks(parts));
        }
        String path = kind.equals("folder") ? data.substring(colon + 1) : data;
        Dataset<Row> files = ImageFrames.files(spark, path, decodedBySpark);
        int read = files.rdd().getNumPartitions();
        int count = files.inputFiles().length;
        int wanted = partitions > 0 ? partitions : tasksFor(count, imagesPerTask);
        if (wanted < read) {
            files = files.coalesce(wanted); // whole files merged into fewer tasks, no shuffle
        } else if (partitions > 0 && wanted > read) {
            files = files.repartition(wanted); // asked for: the images' bytes are shuffled
        }
        String what = count + " image files under " + path + " in " + tasks(files.rdd().getNumPartitions());
        if (decodedBySpark) {
            Dataset<Row> withPath = files.withColumn("path", files.col("image.origin"));
            return new ImageSource(withPath, "image", List.of("path"), false, what + " (decoded by Spark)");
        }
        return new ImageSource(files, "content", List.of("path"), false, what);
    }

    private static String tasks(int n) {
        return n == 1 ? "1 task" : n + " tasks";
    }

    /**
     * @param images how many images
     * @param imagesPerTask the target per task
     * @return the tasks for about {@code imagesPerTask} images each, at least 1
     */
    static int tasksFor(long images, int imagesPerTask) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (images + imagesPerTask - 1) / Math.max(1, imagesPerTask)));
    }
}
