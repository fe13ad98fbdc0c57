package io.cc4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.data.ImageDataset;
import io.cc4j.data.RawImage;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.inference.Prediction;
import io.cc4j.model.FeatureKind;
import io.cc4j.spark.data.ImageFrames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transformer against {@link ClusterPredictor} on real Fashion-MNIST images, in {@code local[2,2]}. */
class ClusterAssignmentTransformerTest {
    static SparkSession spark;
    static String model;
    static ImageDataset data;
    static int[] first;
    static Assignments reference;

    @BeforeAll
    static void reference() {
        spark = SparkTestSupport.spark();
        data = SparkTestSupport.fashionTest();
        model = SparkTestSupport.tinyModel().toString();
        first = IntStream.range(0, 600).toArray();
        try (ClusterPredictor p = ClusterPredictor.load(SparkTestSupport.tinyModel())) {
            reference = p.predict(data, first, true, FeatureKind.INSTANCE, null);
        }
    }

    @AfterAll
    static void closeData() {
        if (data != null) { // null when Fashion-MNIST is not installed and the class was skipped
            data.close();
        }
    }

    static ClusterAssignmentTransformer assigner() {
        return new ClusterAssignmentTransformer().setModelPath(model).setBatchSize(64);
    }

    @Test
    void imageRowsGetTheClustersProbabilitiesAndFeaturesOfClusterPredictor() {
        Dataset<Row> frame = ImageFrames.of(spark, data, first, 3);
        List<Row> rows = assigner().setProbabilitiesCol("probabilities").setFeaturesCol("features")
                .transform(frame).orderBy("index").collectAsList();
        assertThat(rows).hasSize(first.length);
        int k = reference.k();
        int d = reference.featureDim();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertThat(r.<Long>getAs("index")).isEqualTo(i);
            assertThat(r.<String>getAs("error")).isNull();
            assertThat(r.<Integer>getAs("cluster")).as("row %d", i).isEqualTo(reference.clusters()[i]);
            assertThat(r.<Float>getAs("confidence")).isCloseTo(reference.confidence()[i], within(1e-5f));
            assertClose(r.getList(r.fieldIndex("probabilities")), reference.probabilities(), i, k);
            assertClose(r.getList(r.fieldIndex("features")), reference.features(), i, d);
        }
    }

    @Test
    void pngFilesReadAsBytesOrAsSparkImagesGetTheSameAnswers() throws IOException {
        Path dir = Files.createDirectories(SparkTestSupport.scratch().resolve("png-grey/sub"));
        int n = 150;
        for (int i = 0; i < n; i++) {
            Files.write(dir.resolve(String.format("img-%04d.png", i)), TestImages.png(data.image(i)));
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image, and not matched by the file filter");
        for (boolean decodedBySpark : new boolean[] {false, true}) {
            Dataset<Row> files = ImageFrames.files(spark, dir.getParent().toString(), decodedBySpark);
            List<Row> rows = assigner().setInputCol(decodedBySpark ? "image" : "content")
                    .setProbabilitiesCol("p").transform(files).collectAsList();
            assertThat(rows).as("decoded by Spark: %s", decodedBySpark).hasSize(n);
            for (Row r : rows) {
                String path = decodedBySpark ? r.getStruct(r.fieldIndex("image")).getString(0) : r.getAs("path");
                int i = Integer.parseInt(path.replaceAll(".*img-(\\d+)\\.png$", "$1"));
                assertThat(r.<String>getAs("error")).isNull();
                assertThat(r.<Integer>getAs("cluster")).as("%s", path).isEqualTo(reference.clusters()[i]);
                assertClose(r.getList(r.fieldIndex("p")), reference.probabilities(), i, reference.k());
            }
        }
    }

    @Test
    void colourImagesKeepTheirChannelOrderThroughSparksBgrRows() throws IOException {
        Path dir = Files.createDirectories(SparkTestSupport.scratch().resolve("png-colour"));
        int n = 40;
        List<RawImage> colour = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            colour.add(TestImages.tinted(data.image(i)));
            Files.write(dir.resolve(String.format("c-%04d.png", i)), TestImages.png(colour.get(i)));
        }
        List<Prediction> expected;
        List<Prediction> swapped;
        try (ClusterPredictor p = ClusterPredictor.load(SparkTestSupport.tinyModel())) {
            expected = p.batchPredict(colour);
            swapped = p.batchPredict(colour.stream().map(TestImages::swapRedBlue).toList());
        }
        // The check can fail: this model answers differently when red and blue trade places.
        double largest = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < expected.get(i).probabilities().length; c++) {
                largest = Math.max(largest, Math.abs(expected.get(i).probabilities()[c] - swapped.get(i).probabilities()[c]));
            }
        }
        assertThat(largest).isGreaterThan(1e-3);
        for (boolean decodedBySpark : new boolean[] {false, true}) {
            List<Row> rows = assigner().setInputCol(decodedBySpark ? "image" : "content").setProbabilitiesCol("p")
                    .transform(ImageFrames.files(spark, dir.toString(), decodedBySpark)).collectAsList();
            assertThat(rows).hasSize(n);
            for (Row r : rows) {
                String path = decodedBySpark ? r.getStruct(r.fieldIndex("image")).getString(0) : r.getAs("path");
                int i = Integer.parseInt(path.replaceAll(".*c-(\\d+)\\.png$", "$1"));
                assertThat(r.<Integer>getAs("cluster")).isEqualTo(expected.get(i).cluster());
                assertClose(r.getList(r.fieldIndex("p")), expected.get(i).probabilities(), 0, reference.k());
            }
        }
    }

    @Test
    void badImagesGetAnErrorAndNoClusterWhileTheRestGoOn() {
        byte[] good = TestImages.png(data.image(0));
        StructType bytes = DataTypes.createStructType(List.of(
                DataTypes.createStructField("path", DataTypes.StringType, true),
                DataTypes.createStructField("content", DataTypes.BinaryType, true)));
        List<Row> in = List.of(RowFactory.create("good.png", good),
                RowFactory.create("text.png", "hello, not an image".getBytes()),
                RowFactory.create("empty.png", new byte[0]),
                RowFactory.create("null.png", null),
                RowFactory.create("truncated.png", Arrays.copyOf(good, 60)),
                RowFactory.create("good-again.png", good));
        List<Row> out = assigner().setInputCol("content").transform(spark.createDataFrame(in, bytes)).collectAsList();
        assertThat(out).extracting(r -> r.<String>getAs("path")).containsExactly("good.png", "text.png",
                "empty.png", "null.png", "truncated.png", "good-again.png");
        for (Row r : out) {
            boolean fine = r.<String>getAs("path").startsWith("good");
            assertThat(r.<Integer>getAs("cluster")).isEqualTo(fine ? reference.clusters()[0] : null);
            assertThat(r.<Float>getAs("confidence") == null).isEqualTo(!fine);
            assertThat(r.<String>getAs("error") == null).as("%s: %s", r.getAs("path"), r.getAs("error")).isEqualTo(fine);
        }
        assertThat(out.get(3).<String>getAs("error")).isEqualTo("no image (null)");
        assertThat(out.get(1).<String>getAs("error")).contains("text.png");

        Row valid = io.cc4j.spark.data.SparkImages.toRow(data.image(0), "fine");
        StructType images = DataTypes.createStructType(List.of(
                DataTypes.createStructField("image", io.cc4j.spark.data.SparkImages.schema(), true)));
        List<Row> structs = List.of(RowFactory.create(valid),
                RowFactory.create(RowFactory.create("broken.png", -1, -1, -1, -1, new byte[0])),
                RowFactory.create(RowFactory.create("two-channels", 28, 28, 2, 8, new byte[28 * 28 * 2])),
                RowFactory.create(RowFactory.create("short-data", 28, 28, 1, 0, new byte[100])),
                RowFactory.create((Object) null));
        List<Row> assigned = assigner().transform(spark.createDataFrame(structs, images)).collectAsList();
        assertThat(assigned).hasSize(5);
        assertThat(assigned.get(0).<Integer>getAs("cluster")).isEqualTo(reference.clusters()[0]);
        assertThat(assigned.subList(1, 5)).allSatisfy(r -> {
            assertThat(r.<Integer>getAs("cluster")).isNull();
            assertThat(r.<String>getAs("error")).isNotBlank();
        });
        assertThat(assigned.get(1).<String>getAs("error")).contains("Spark could not decode broken.png");
    }

    /** Throws once, on the first attempt of partition 1, after its first ten rows went through the model. */
    static final class FailOnce implements MapPartitionsFunction<Row, Row> {
        static final AtomicInteger INJECTED = new AtomicInteger();

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            TaskContext task = TaskContext.get();
            boolean fail = task.partitionId() == 1 && task.attemptNumber() == 0;
            return new Iterator<>() {
                int seen;

                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    if (fail && ++seen > 10) {
                        INJECTED.incrementAndGet();
                        throw new IllegalStateException("injected failure, first attempt of partition 1");
                    }
                    return rows.next();
                }
            };
        }
    }

    @Test
    void aTaskThatFailsOnceIsRetriedAndTheOutputIsCompleteWithoutDuplicatesAndTheModelLoadedOnce() {
        PredictorCache.closeIdle();
        int loadsBefore = PredictorCache.loads();
        Dataset<Row> assigned = assigner().transform(ImageFrames.of(spark, data, first, 4));
        Path out = SparkTestSupport.scratch().resolve("retry.parquet");
        assigned.drop("image").mapPartitions(new FailOnce(), Encoders.row(assigned.drop("image").schema()))
                .write().parquet(out.toString());
        assertThat(FailOnce.INJECTED.get()).as("failures injected").isEqualTo(1);
        List<Row> back = spark.read().parquet(out.toString()).orderBy("index").collectAsList();
        assertThat(back).hasSize(first.length);
        assertThat(back).extracting(r -> r.<Long>getAs("index")).doesNotHaveDuplicates();
        for (int i = 0; i < back.size(); i++) {
            assertThat(back.get(i).<Long>getAs("index")).isEqualTo(i);
            assertThat(back.get(i).<Integer>getAs("cluster")).isEqualTo(reference.clusters()[i]);
        }
        assertThat(PredictorCache.loads() - loadsBefore).as("model loads in this JVM").isEqualTo(1);
    }

    @Test
    void savedTransformerReadsBackWithItsParams() throws IOException {
        ClusterAssignmentTransformer t = assigner().setProbabilitiesCol("p").setFeatureKind("backbone")
                .setBatchSize(32).setMaxPixels(1000);
        String where = SparkTestSupport.scratch().resolve("saved-transformer").toString();
        t.save(where);
        ClusterAssignmentTransformer back = ClusterAssignmentTransformer.load(where);
        assertThat(back.uid()).isEqualTo(t.uid());
        assertThat(back.getOrDefault(back.modelPath())).isEqualTo(model);
        assertThat(back.getOrDefault(back.probabilitiesCol())).isEqualTo("p");
        assertThat(back.getOrDefault(back.featureKind())).isEqualTo("backbone");
        assertThat(back.getOrDefault(back.batchSize())).isEqualTo(32);
        assertThat(back.getOrDefault(back.maxPixels())).isEqualTo(1000L);
        assertThat(back.getOrDefault(back.clusterCol())).isEqualTo("cluster");
    }

    @Test
    void unusableSettingsAreRefusedBeforeAnyTaskRuns() {
        StructType strings = DataTypes.createStructType(List.of(
                DataTypes.createStructField("image", DataTypes.StringType, true)));
        StructType images = ImageFrames.schema();
        assertThatThrownBy(() -> new ClusterAssignmentTransformer().transformSchema(images))
                .hasMessageContaining("no model");
        assertThatThrownBy(() -> assigner().transformSchema(strings)).hasMessageContaining("has type string");
        assertThatThrownBy(() -> assigner().setInputCol("pixels").transformSchema(images))
                .hasMessageContaining("no input column 'pixels'");
        assertThatThrownBy(() -> assigner().setClusterCol("label").transformSchema(images))
                .hasMessageContaining("column 'label' exists already");
        assertThatThrownBy(() -> assigner().setMethod("kmeans").setProbabilitiesCol("p").transformSchema(images))
                .hasMessageContaining("method kmeans has none");
        assertThatThrownBy(() -> assigner().setFeatureKind("pixels")).hasMessageContaining("featureKind");
    }

    private static void assertClose(List<Float> actual, float[] expected, int row, int width) {
        assertThat(actual).hasSize(width);
        for (int j = 0; j < width; j++) {
            assertThat(actual.get(j)).as("value %d of row %d", j, row).isCloseTo(expected[row * width + j], within(1e-5f));
        }
    }
}
