package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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

    @Test
    void lloydOnTheEngineMatchesABruteForceReferenceFromTheSameCentroids() {
        SplittableRandom random = new SplittableRandom(8);
        int n = 500;
        int d = 5;
        int k = 6;
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-3, 3);
        }
        float[][] initial = new float[k][d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(x, c * 37 * d, initial[c], 0, d);
        }
        Reference expected = referenceLloyd(x, n, d, initial, 300);
        // Once in one block, once in chunks of 37 rows (k * 4 bytes per row) to exercise the chunked path.
        for (long chunkBytes : new long[] {256L << 20, 37L * k * Float.BYTES}) {
            KMeansResult result = KMeans.builder().setK(k).chunkBytes(chunkBytes).build().fitFrom(x, n, d, initial);
            assertThat(result.labels()).as("chunk %d bytes", chunkBytes).isEqualTo(expected.labels);
            assertThat(result.inertia()).isCloseTo(expected.inertia, within(1e-5 * expected.inertia));
            float[][] centroids = result.centroids();
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    assertThat((double) centroids[c][j]).isCloseTo(expected.centroids[c][j], within(1e-4));
                }
            }
        }
    }

    @Test
    void anEmptyClusterTakesTheSampleFarthestFromItsCentroid() {
        // The third centroid starts far from everything, so the first assignment leaves it empty; the sample
        // farthest from its own centroid is 30 (nearly 20 from 10.05), which must move there and leave its mean.
        float[] x = {0f, 0.1f, 0.2f, 10f, 10.1f, 30f};
        float[][] initial = {{0.1f}, {10.05f}, {1000f}};
        KMeansResult one = KMeans.builder().setK(3).optMaxIterations(1).build().fitFrom(x, 6, 1, initial);
        float[][] centroids = one.centroids();
        assertThat(centroids[2][0]).isEqualTo(30f);
        assertThat((double) centroids[1][0]).isCloseTo(10.05, within(1e-5));
        assertThat((double) centroids[0][0]).isCloseTo(0.1, within(1e-5));
        assertThat(one.labels()).containsExactly(0, 0, 0, 1, 1, 2);
        assertThat(one.inertia()).isCloseTo(0.02 + 0.005, within(1e-5));
        // Run to convergence, the partition stays.
        KMeansResult full = KMeans.builder().setK(3).build().fitFrom(x, 6, 1, initial);
        assertThat(full.labels()).containsExactly(0, 0, 0, 1, 1, 2);
    }

    @Test
    void asManyClustersAsDistinctSamplesGivesEverySampleItsOwnCluster() {
        float[][] x = {{0f, 0f}, {1f, 0f}, {0f, 1f}, {5f, 5f}, {5f, 6f}, {9f, 0f}, {9f, 1f}};
        KMeansResult result = KMeans.builder().setK(x.length).optNInit(2).optSeed(4).build().fit(x);
        assertThat(java.util.Arrays.stream(result.labels()).distinct().count()).isEqualTo(x.length);
        assertThat(result.inertia()).isCloseTo(0.0, within(1e-9));
    }

    /** Result of {@link #referenceLloyd}. */
    private record Reference(int[] labels, double[][] centroids, double inertia) {
    }

    /**
     * Lloyd's algorithm in plain double loops: stop when labels repeat or the squared centroid shift is at most
     * 1e-4 of the mean feature variance; then label with the final centroids. No empty-cluster handling (the test
     * starts from samples, so no cluster empties).
     */
    private static Reference referenceLloyd(float[] x, int n, int d, float[][] initial, int maxIterations) {
        int k = initial.length;
        double[][] centroids = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centroids[c][j] = initial[c][j];
            }
        }
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j] / (double) n;
            }
        }
        double variance = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                variance += Math.pow(x[i * d + j] - mean[j], 2) / ((double) n * d);
            }
        }
        int[] previous = null;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            int[] labels = nearest(x, n, d, centroids);
            double[][] sums = new double[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[labels[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[labels[i]][j] += x[i * d + j];
                }
            }
            double shift = 0;
            for (int c = 0; c < k; c++) {
                assertThat(counts[c]).as("reference cluster %d", c).isPositive();
                for (int j = 0; j < d; j++) {
                    double updated = sums[c][j] / counts[c];
                    shift += Math.pow(updated - centroids[c][j], 2);
                    centroids[c][j] = updated;
                }
            }
            if (java.util.Arrays.equals(labels, previous) || shift <= 1e-4 * variance) {
                break;
            }
            previous = labels;
        }
        int[] labels = nearest(x, n, d, centroids);
        double inertia = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                inertia += Math.pow(x[i * d + j] - centroids[labels[i]][j], 2);
            }
        }
        return new Reference(labels, centroids, inertia);
    }

    private static int[] nearest(float[] x, int n, int d, double[][] centroids) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centroids.length; c++) {
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    dist += Math.pow(x[i * d + j] - centroids[c][j], 2);
                }
                if (dist < best) {
                    best = dist;
                    labels[i] = c;
                }
            }
        }
        return labels;
    }
}
