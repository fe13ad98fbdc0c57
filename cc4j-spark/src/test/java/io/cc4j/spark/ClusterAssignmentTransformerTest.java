package io.cc4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.data.ImageDataset;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.inference.FeatureKind;
import io.cc4j.spark.data.ImageFrames;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transformer against {@link ClusterPredictor} on real Fashion-MNIST images. */
class ClusterAssignmentTransformerTest {
    static ImageDataset data;
    static int[] first;
    static Assignments reference;

    @BeforeAll
    static void reference() {
        data = SparkTestSupport.fashionTest();
        first = IntStream.range(0, 600).toArray();
        try (ClusterPredictor p = ClusterPredictor.load(SparkTestSupport.tinyModel())) {
            reference = p.predict(data, first, true, FeatureKind.INSTANCE, null);
        }
    }

    @Test
    void imageRowsGetTheClustersProbabilitiesAndFeaturesOfClusterPredictor() {
        Dataset<Row> frame = ImageFrames.of(SparkTestSupport.spark(), data, first, 3);
        List<Row> rows = new ClusterAssignmentTransformer().setModelPath(SparkTestSupport.tinyModel().toString())
                .setProbabilitiesCol("probabilities").setFeaturesCol("features").setBatchSize(64)
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
            List<Float> p = r.getList(r.fieldIndex("probabilities"));
            assertThat(p).hasSize(k);
            for (int c = 0; c < k; c++) {
                assertThat(p.get(c)).isCloseTo(reference.probabilities()[i * k + c], within(1e-5f));
            }
            List<Float> f = r.getList(r.fieldIndex("features"));
            assertThat(f).hasSize(d);
            for (int j = 0; j < d; j++) {
                assertThat(f.get(j)).isCloseTo(reference.features()[i * d + j], within(1e-5f));
            }
        }
    }
}
