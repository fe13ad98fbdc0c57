package io.cc4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of {@code ../shared/golden/metrics.json} (scikit-learn / scipy reference values) to 1e-9. */
class GoldenMetricsTest {
    private static final double TOLERANCE = 1e-9;

    static Path sharedDir() {
        String prop = System.getProperty("cc4j.shared.dir");
        Path dir = prop != null && !prop.isBlank() ? Path.of(prop) : Path.of("..", "..", "shared");
        return dir.toAbsolutePath().normalize();
    }

    static Stream<JsonNode> cases() throws IOException {
        Path file = sharedDir().resolve("golden").resolve("metrics.json");
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<JsonNode> cases = new ArrayList<>();
        root.get("cases").forEach(cases::add);
        return cases.stream();
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }

    @Test
    void goldenFileIsFoundAndNotEmpty() throws IOException {
        assertThat(cases().count()).isGreaterThan(0);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    void matchesReference(JsonNode c) {
        String name = c.get("name").asText();
        int[] truth = ints(c.get("labels"));
        int[] pred = ints(c.get("predictions"));

        assertThat(NormalizedMutualInformation.of(truth, pred)).as(name + " nmi")
                .isCloseTo(c.get("nmi").doubleValue(), within(TOLERANCE));
        assertThat(AdjustedRandIndex.of(truth, pred)).as(name + " ari")
                .isCloseTo(c.get("ari").doubleValue(), within(TOLERANCE));
        assertThat(ClusteringAccuracy.of(truth, pred)).as(name + " acc")
                .isCloseTo(c.get("acc").doubleValue(), within(TOLERANCE));
        assertThat(FowlkesMallows.of(truth, pred)).as(name + " fmi")
                .isCloseTo(c.get("fmi").doubleValue(), within(TOLERANCE));

        ClusteringScores s = ClusteringScores.of(truth, pred);
        assertThat(s.nmi()).as(name + " scores.nmi").isCloseTo(c.get("nmi").doubleValue(), within(TOLERANCE));
        assertThat(s.ari()).as(name + " scores.ari").isCloseTo(c.get("ari").doubleValue(), within(TOLERANCE));
        assertThat(s.acc()).as(name + " scores.acc").isCloseTo(c.get("acc").doubleValue(), within(TOLERANCE));
        assertThat(s.fmi()).as(name + " scores.fmi").isCloseTo(c.get("fmi").doubleValue(), within(TOLERANCE));
        assertThat(s.n()).isEqualTo(truth.length);
    }
}
