package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CosineSilhouetteTest {
    private static final String GOLDEN = "/io/cc4j/cluster/silhouette/golden.json";

    static Stream<JsonNode> goldenCases() throws IOException {
        try (InputStream in = CosineSilhouetteTest.class.getResourceAsStream(GOLDEN)) {
            List<JsonNode> cases = new ArrayList<>();
            new ObjectMapper().readTree(in).get("cases").forEach(cases::add);
            return cases.stream();
        }
    }

    @Test
    void goldenFileHasItsCases() throws IOException {
        assertThat(goldenCases().count()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("goldenCases")
    void matchesScikitLearnsDefinition(JsonNode c) {
        int n = c.get("n").asInt();
        int d = c.get("d").asInt();
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) c.get("x").get(i).asDouble();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = c.get("labels").get(i).asInt();
        }
        FeatureMatrix features = FeatureMatrix.of(x, n, d);

        double[] samples = CosineSilhouette.samples(features, labels);
        for (int i = 0; i < n; i++) {
            assertThat(samples[i]).as(c.get("name").asText() + " sample " + i)
                    .isCloseTo(c.get("samples").get(i).asDouble(), within(1e-12));
        }
        assertThat(CosineSilhouette.score(features, labels)).isCloseTo(c.get("score").asDouble(), within(1e-12));
    }

    @Test
    void handComputedQuadrants() {
        // e1, e2 against -e1, -e2: a = d(e1, e2) = 1; b = mean(d(e1, -e1), d(e1, -e2)) = (2 + 1) / 2 = 1.5.
        FeatureMatrix x = FeatureMatrix.of(new float[][] {{1, 0}, {0, 1}, {-1, 0}, {0, -1}});
        assertThat(CosineSilhouette.samples(x, new int[] {0, 0, 1, 1})).containsOnly(1.0 / 3);
        // Lengths do not matter to the cosine.
        FeatureMatrix scaled = FeatureMatrix.of(new float[][] {{5, 0}, {0, 0.1f}, {-3, 0}, {0, -7}});
        assertThat(CosineSilhouette.score(scaled, new int[] {4, 4, 9, 9})).isCloseTo(1.0 / 3, within(1e-15));
    }

    @Test
    void singletonsScoreZeroAndTightSeparatedClustersScoreNearOne() {
        // Cluster 0 = two copies of e1, cluster 1 = e2 twice, cluster 2 = the lone e3.
        FeatureMatrix x = FeatureMatrix.of(new float[][] {{1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 0, 1}});
        double[] s = CosineSilhouette.samples(x, new int[] {0, 0, 1, 1, 2});
        assertThat(s[4]).isEqualTo(0.0);
        for (int i = 0; i < 4; i++) {
            assertThat(s[i]).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void agreesWithTheDirectPairwiseDefinitionOnRandomData() {
        SplittableRandom random = new SplittableRandom(8);
        int n = 150;
        int d = 7;
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() - 0.3);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(5) * 3;
        }
        FeatureMatrix features = FeatureMatrix.of(x, n, d);
        double[] fast = CosineSilhouette.samples(features, labels);
        double[] direct = pairwiseSilhouette(features, labels);
        for (int i = 0; i < n; i++) {
            assertThat(fast[i]).as("sample " + i).isCloseTo(direct[i], within(1e-12));
        }
    }

    @Test
    void sampledScoreIsTheScoreOfTheSampledRowsAndRepeatsWithItsSeed() {
        SphericalBlobs.Blobs blobs = SphericalBlobs.builder().setClusters(4).optPointsPerCluster(50).optDimension(8)
                .optSpread(0.8).optSeed(2).build().generate();
        FeatureMatrix x = blobs.features();
        int[] labels = blobs.labels();
        double a = CosineSilhouette.score(x, labels, 60, 5);
        assertThat(CosineSilhouette.score(x, labels, 60, 5)).isEqualTo(a);
        int[] rows = FeatureMatrix.sampleIndices(x.rows(), 60, 5);
        int[] sampled = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            sampled[r] = labels[rows[r]];
        }
        assertThat(a).isEqualTo(CosineSilhouette.score(x.select(rows), sampled));
        assertThat(CosineSilhouette.score(x, labels, 60, 6)).isNotEqualTo(a);
        // A sample as large as the data is the data.
        assertThat(CosineSilhouette.score(x, labels, 0, 5)).isEqualTo(CosineSilhouette.score(x, labels));
        assertThat(CosineSilhouette.score(x, labels, 10_000, 5)).isEqualTo(CosineSilhouette.score(x, labels));
    }

    @Test
    void rejectsWhatScikitLearnRejects() {
        FeatureMatrix x = FeatureMatrix.of(new float[][] {{1, 0}, {0, 1}, {1, 1}});
        assertThatThrownBy(() -> CosineSilhouette.score(x, new int[] {0, 0, 0}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1 distinct labels");
        assertThatThrownBy(() -> CosineSilhouette.score(x, new int[] {0, 1, 2}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2 to n - 1");
        assertThatThrownBy(() -> CosineSilhouette.score(x, new int[] {0, 1}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2 labels for 3 samples");
        assertThatThrownBy(() -> CosineSilhouette.score(x, new int[] {0, -1, 0}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("non-negative");
        FeatureMatrix zero = FeatureMatrix.of(new float[][] {{1, 0}, {0, 0}, {1, 1}, {0, 1}});
        assertThatThrownBy(() -> CosineSilhouette.score(zero, new int[] {0, 0, 1, 1}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 1 is all zeros");
    }

    /** The definition read literally: every pairwise cosine distance, O(n^2 d). */
    static double[] pairwiseSilhouette(FeatureMatrix x, int[] labels) {
        int n = x.rows();
        int d = x.dimension();
        double[] out = new double[n];
        int maxLabel = 0;
        for (int l : labels) {
            maxLabel = Math.max(maxLabel, l);
        }
        for (int i = 0; i < n; i++) {
            double[] sum = new double[maxLabel + 1];
            int[] count = new int[maxLabel + 1];
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double dot = 0;
                double ni = 0;
                double nj = 0;
                for (int t = 0; t < d; t++) {
                    dot += (double) x.get(i, t) * x.get(j, t);
                    ni += (double) x.get(i, t) * x.get(i, t);
                    nj += (double) x.get(j, t) * x.get(j, t);
                }
                sum[labels[j]] += 1 - dot / Math.sqrt(ni * nj);
                count[labels[j]]++;
            }
            if (count[labels[i]] == 0) {
                continue;
            }
            double a = sum[labels[i]] / count[labels[i]];
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c <= maxLabel; c++) {
                if (c != labels[i] && count[c] > 0) {
                    b = Math.min(b, sum[c] / count[c]);
                }
            }
            out[i] = (b - a) / Math.max(a, b);
        }
        return out;
    }
}
