package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedStabilityTest {
    private static final FeatureMatrix FOUR_BLOBS = SphericalBlobs.builder().setClusters(4).optPointsPerCluster(40)
            .optDimension(12).optSpread(0.3).optSeed(5).build().generate().features();

    @Test
    void runsAgreeExactlyAtTheTrueKAndDisagreeWhenABlobMustBeCut() {
        SeedStability stability = SeedStability.builder().optRuns(4).optRestarts(2).optSeed(1).build();
        SeedStability.Stability atFour = stability.at(FOUR_BLOBS, 4);
        assertThat(atFour.k()).isEqualTo(4);
        assertThat(atFour.pairs()).isEqualTo(6);
        assertThat(atFour.meanAri()).isEqualTo(1.0);
        assertThat(atFour.sdAri()).isEqualTo(0.0);
        SeedStability.Stability atSeven = stability.at(FOUR_BLOBS, 7);
        assertThat(atSeven.meanAri()).isLessThan(0.99);
        assertThat(stability.at(FOUR_BLOBS, 7)).isEqualTo(atSeven);
    }

    @Test
    void nearestCentroidsLabelEveryRow() {
        FeatureMatrix x = FeatureMatrix.of(new float[][] {{0, 0}, {1, 0}, {10, 0}, {5.5f, 0}});
        assertThat(SeedStability.nearestCentroids(x, new float[][] {{0, 0}, {10, 0}})).containsExactly(0, 0, 1, 1);
        // A tie goes to the lower index.
        assertThat(SeedStability.nearestCentroids(FeatureMatrix.of(new float[][] {{5, 0}}),
                new float[][] {{0, 0}, {10, 0}})).containsExactly(0);
    }

    @Test
    void theMostStableKWinsAndTiesGoToTheLargerK() {
        List<SeedStability.Stability> values = List.of(new SeedStability.Stability(2, 0.9, 0, 1),
                new SeedStability.Stability(3, 1.0, 0, 1), new SeedStability.Stability(4, 1.0, 0, 1),
                new SeedStability.Stability(5, 0.8, 0, 1));
        assertThat(SeedStability.choose(values)).isEqualTo(4);
        assertThat(SeedStability.choose(values.subList(0, 2))).isEqualTo(3);
        assertThat(SeedStability.choose(List.of(new SeedStability.Stability(2, 0.95, 0, 1),
                new SeedStability.Stability(3, 0.7, 0, 1)))).isEqualTo(2);
        assertThatThrownBy(() -> SeedStability.choose(List.of())).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void rejectsBadOptionsAndK() {
        assertThatThrownBy(() -> SeedStability.builder().optRuns(1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SeedStability.builder().optSubsample(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SeedStability.builder().optSubsample(1.5)).isInstanceOf(InvalidInputException.class);
        SeedStability s = SeedStability.builder().optSubsample(0.5).build();
        assertThatThrownBy(() -> s.at(FOUR_BLOBS, 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> s.at(FOUR_BLOBS, 81)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2..80");
    }
}
