package io.cc4j.spark.kmeans;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Chooses K by fitting {@link FeatureKMeans} for several values and scoring each with Spark's
 * {@link ClusteringEvaluator}: the silhouette with the cosine distance, the distance contrastive features are
 * trained with (the same definition as cc4j's {@code CosineSilhouette} and scikit-learn's, computed by Spark in
 * O(n K d)).
 */
public final class KSweep {
    private KSweep() {
    }

    /**
     * One K of a sweep.
     *
     * @param k clusters
     * @param cost within-cluster sum of squared distances of the best restart
     * @param silhouette mean cosine silhouette over all images, -1 to 1, higher is better
     * @param fitted the model
     */
    public record Point(int k, double cost, double silhouette, FeatureKMeans.Fitted fitted) {
    }

    /**
     * Fits and scores every K.
     *
     * @param vectors rows of {@link FeatureKMeans#vectors}
     * @param ks the values of K
     * @param options the k-means for each K (its own K is replaced)
     * @return one point per K, in the order given
     */
    public static List<Point> run(Dataset<Row> vectors, int[] ks, FeatureKMeans.Builder options) {
        List<Point> points = new ArrayList<>();
        for (int k : ks) {
            FeatureKMeans km = options.setK(k).build();
            FeatureKMeans.Fitted f = km.fit(vectors);
            double s = silhouette(f.assign(vectors), km.predictionCol());
            points.add(new Point(k, f.cost(), s, f));
        }
        return points;
    }

    /**
     * @param assigned rows with {@link FeatureKMeans#VECTOR_COL} and a cluster column
     * @param clusterCol the cluster column
     * @return the mean cosine silhouette
     */
    public static double silhouette(Dataset<Row> assigned, String clusterCol) {
        return new ClusteringEvaluator().setMetricName("silhouette").setDistanceMeasure("cosine")
                .setFeaturesCol(FeatureKMeans.VECTOR_COL).setPredictionCol(clusterCol).evaluate(assigned);
    }
}
