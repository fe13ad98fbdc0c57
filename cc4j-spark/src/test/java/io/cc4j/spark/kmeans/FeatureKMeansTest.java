package io.cc4j.spark.kmeans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.cluster.CosineSilhouette;
import io.cc4j.cluster.FeatureMatrix;
import io.cc4j.cluster.KMeansAblation;
import io.cc4j.data.ImageDataset;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.metrics.NormalizedMutualInformation;
import io.cc4j.model.FeatureKind;
import io.cc4j.spark.SparkTestSupport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spark MLlib's k-means against cc4j's own on the same instance features of real Fashion-MNIST images. */
class FeatureKMeansTest {
    static final int N = 2000;
    static int[] truth;
    static Assignments withFeatures;
    static Dataset<Row> vectors;

    @BeforeAll
    static void features() {
        SparkSession spark = SparkTestSupport.spark();
        int[] idx = IntStream.range(0, N).toArray();
        try (ImageDataset data = SparkTestSupport.fashionTest();
                ClusterPredictor p = ClusterPredictor.load(SparkTestSupport.tinyModel())) {
            withFeatures = p.predict(data, idx, false, FeatureKind.INSTANCE, null);
            truth = Arrays.stream(idx).map(data::label).toArray();
        }
        int d = withFeatures.featureDim();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            rows.add(RowFactory.create((long) i, Arrays.copyOfRange(withFeatures.features(), i * d, (i + 1) * d)));
        }
        Dataset<Row> frame = spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("index", DataTypes.LongType, false),
                DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.FloatType, false), true))));
        vectors = FeatureKMeans.vectors(frame.repartition(2), "features");
    }

    @AfterAll
    static void release() {
        vectors.unpersist();
    }

    @Test
    void mllibKMeansScoresWithinOneHundredthNmiOfCc4jsKMeansOnTheSameFeatures() {
        int[] own = KMeansAblation.labels(withFeatures.features(), N, withFeatures.featureDim(), 10, 3, 42);
        FeatureKMeans km = FeatureKMeans.builder().setK(10).optRestarts(3).optSeed(42).build();
        int[] spark = clusters(km.fit(vectors).assign(vectors), km.predictionCol());
        double nmiOwn = NormalizedMutualInformation.of(truth, own);
        double nmiSpark = NormalizedMutualInformation.of(truth, spark);
        // Chance level for 10 clusters of 2,000 images is about 0.005.
        assertThat(nmiOwn).as("cc4j's k-means finds structure").isGreaterThan(0.2);
        assertThat(nmiSpark).as("MLlib %.4f vs cc4j %.4f", nmiSpark, nmiOwn).isCloseTo(nmiOwn, within(0.01));
    }

    @Test
    void sweepScoresEachKWithTheCosineSilhouetteCc4jComputes() {
        // Twenty iterations: the check is of the silhouette of whatever labels k-means gives, converged or not.
        List<KSweep.Point> points = KSweep.run(vectors, new int[] {5, 10},
                FeatureKMeans.builder().optSeed(7).optRestarts(1).optMaxIterations(20));
        assertThat(points).extracting(KSweep.Point::k).containsExactly(5, 10);
        FeatureMatrix m = FeatureMatrix.of(withFeatures.features(), N, withFeatures.featureDim());
        for (KSweep.Point p : points) {
            int[] labels = clusters(p.fitted().assign(vectors), "kmeans_cluster");
            assertThat(Arrays.stream(labels).distinct().count()).isEqualTo(p.k());
            assertThat(p.silhouette()).as("K = %d", p.k()).isCloseTo(CosineSilhouette.score(m, labels), within(1e-6));
        }
        assertThat(points.get(1).cost()).isLessThan(points.get(0).cost());
    }

    private static int[] clusters(Dataset<Row> assigned, String column) {
        int[] out = new int[N];
        for (Row r : assigned.select("index", column).collectAsList()) {
            out[(int) r.getLong(0)] = r.getInt(1);
        }
        return out;
    }
}
