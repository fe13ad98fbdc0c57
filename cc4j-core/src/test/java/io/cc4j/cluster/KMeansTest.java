package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.metrics.ClusteringAccuracy;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansTest {
    private static final int K = 5;
    private static final int PER_BLOB = 60;
    private static final int D = 8;

    /** Five Gaussian blobs (sd 0.5) whose centres are at least 10 apart: every sample is nearest its own centre. */
    private static float[][] blobs(int[] truth, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[K * PER_BLOB][D];
        for (int i = 0; i < x.length; i++) {
            int blob = i % K;
            truth[i] = blob;
            for (int j = 0; j < D; j++) {
                double centre = j == blob ? 10 * (blob + 1) : 0;
                double u = random.nextDouble();
                double v = random.nextDouble();
                double gauss = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
                x[i][j] = (float) (centre + 0.5 * gauss);
            }
        }
        return x;
    }

    @Test
    void recoversWellSeparatedBlobsExactly() {
        int[] truth = new int[K * PER_BLOB];
        float[][] x = blobs(truth, 1);
        KMeansResult result = KMeans.builder().setK(K).optSeed(3).build().fit(x);

        assertThat(result.k()).isEqualTo(K);
        assertThat(result.dimension()).isEqualTo(D);
        assertThat(ClusteringAccuracy.of(truth, result.labels())).isEqualTo(1.0);
        // Each centroid sits near its blob centre, and the inertia is about n * d * sd^2.
        for (float[] c : result.centroids()) {
            double norm = 0;
            for (float v : c) {
                norm += v * v;
            }
            assertThat(Math.sqrt(norm)).isGreaterThan(9);
        }
        assertThat(result.inertia()).isBetween(0.5 * x.length * D * 0.25, 1.5 * x.length * D * 0.25);
    }

    @Test
    void predictAgreesWithTheTrainingLabels() {
        int[] truth = new int[K * PER_BLOB];
        float[][] x = blobs(truth, 2);
        KMeansResult result = KMeans.builder().setK(K).optNInit(2).build().fit(x);
        int[] labels = result.labels();
        for (int i = 0; i < x.length; i++) {
            assertThat(result.predict(x[i])).isEqualTo(labels[i]);
        }
        assertThatThrownBy(() -> result.predict(new float[D + 1])).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("length " + (D + 1));
    }

    @Test
    void sameSeedGivesSameLabelsAndFlatInputEqualsRows() {
        // Overlapping data, where the result really depends on the random choices.
        SplittableRandom random = new SplittableRandom(5);
        int n = 400;
        int d = 3;
        float[][] rows = new float[n][d];
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = (float) random.nextDouble();
                flat[i * d + j] = rows[i][j];
            }
        }
        KMeans kmeans = KMeans.builder().setK(7).optNInit(3).optMaxIterations(50).optSeed(11).build();
        KMeansResult a = kmeans.fit(rows);
        KMeansResult b = KMeans.builder().setK(7).optNInit(3).optMaxIterations(50).optSeed(11).build().fit(flat, n, d);
        assertThat(b.labels()).isEqualTo(a.labels());
        assertThat(b.centroids()).isDeepEqualTo(a.centroids());
        assertThat(b.inertia()).isEqualTo(a.inertia());
    }

    @Test
    void moreRestartsNeverIncreaseTheInertia() {
        SplittableRandom random = new SplittableRandom(6);
        float[][] x = new float[300][2];
        for (float[] row : x) {
            row[0] = (float) random.nextDouble();
            row[1] = (float) random.nextDouble();
        }
        // The 1-restart run is the first of the 8 restarts (same seed, same random stream).
        double one = KMeans.builder().setK(6).optNInit(1).optSeed(9).build().fit(x).inertia();
        double eight = KMeans.builder().setK(6).optNInit(8).optSeed(9).build().fit(x).inertia();
        assertThat(eight).isLessThanOrEqualTo(one);
    }

    @Test
    void rejectsBadInput() {
        float[][] three = {{0f}, {1f}, {2f}};
        assertThatThrownBy(() -> KMeans.builder().setK(4).build().fit(three))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("k = 4").hasMessageContaining("3 samples");
        assertThatThrownBy(() -> KMeans.builder().setK(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> KMeans.builder().setK(2).optNInit(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> KMeans.builder().setK(2).optMaxIterations(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> KMeans.builder().build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("required");
        assertThatThrownBy(() -> KMeans.builder().setK(1).build().fit(new float[][] {{0f, 1f}, {2f}}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("sample 1");
        assertThatThrownBy(() -> KMeans.builder().setK(1).build().fit(new float[] {0f, Float.NaN}, 1, 2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("feature 1 is NaN");
        assertThatThrownBy(() -> KMeans.builder().setK(1).build().fit(new float[5], 2, 3))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2 x 3");
    }
}
