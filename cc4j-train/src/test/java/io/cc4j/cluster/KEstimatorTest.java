package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.InvalidInputException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KEstimatorTest {
    /** Blobs at about 27 degrees from their centres in 16-d: well separated when the centres are. */
    private static SphericalBlobs.Blobs blobs(int k) {
        return SphericalBlobs.builder().setClusters(k).optPointsPerCluster(50).optDimension(16).optSpread(0.5)
                .optSeed(k).build().generate();
    }

    private static KEstimator.Builder small() {
        return KEstimator.builder().optRange(2, 10).optRestarts(2).optGapReferences(5).optStabilityRuns(4).optSeed(7);
    }

    @ParameterizedTest(name = "K = {0}")
    @ValueSource(ints = {4, 7})
    void everyCriterionFindsTheKOfWellSeparatedBlobs(int k) {
        SphericalBlobs.Blobs b = blobs(k);
        // The premise: the centres are far apart (cosine at most 0.6, i.e. at least 53 degrees) compared with
        // the blobs' spread (about 27 degrees).
        for (int a = 0; a < k; a++) {
            for (int c = a + 1; c < k; c++) {
                assertThat(SphericalBlobsTest.dot(b.centres().row(a), b.centres().row(c))).isLessThan(0.6);
            }
        }
        List<KScore> seen = new ArrayList<>();
        KEstimate e = small().optListener((row, done, total) -> {
            assertThat(total).isEqualTo(9);
            assertThat(done).isEqualTo(seen.size() + 1);
            seen.add(row);
        }).build().estimate(b.features());

        assertThat(e.choices()).containsEntry(KCriterion.SILHOUETTE, k).containsEntry(KCriterion.GAP, k)
                .containsEntry(KCriterion.STABILITY, k);
        assertThat(e.chosenK()).isEqualTo(k);
        assertThat(seen).isEqualTo(e.rows());
        KScore atK = e.row(k);
        assertThat(atK.silhouette()).isGreaterThan(0.6);
        assertThat(atK.stability()).isEqualTo(1.0);
        // Inertia falls steeply up to K and slowly after it (the "elbow").
        double before = e.row(k - 1).inertia() - atK.inertia();
        double after = atK.inertia() - e.row(k + 1).inertia();
        assertThat(before).isGreaterThan(10 * after);
        assertThat(e.settings().sampleRows()).isEqualTo(50 * k);
        assertThat(e.settings().gapReferences()).isEqualTo(5);
    }

    @Test
    void sameSeedSameRowsAndScaledRowsGiveTheSameChoice() {
        SphericalBlobs.Blobs b = blobs(4);
        KEstimator estimator = small().optRange(3, 5).build();
        KEstimate a = estimator.estimate(b.features());
        KEstimate again = estimator.estimate(b.features());
        for (int i = 0; i < a.rows().size(); i++) {
            KScore x = a.rows().get(i);
            KScore y = again.rows().get(i);
            assertThat(y.inertia()).isEqualTo(x.inertia());
            assertThat(y.silhouette()).isEqualTo(x.silhouette());
            assertThat(y.gap()).isEqualTo(x.gap());
            assertThat(y.stability()).isEqualTo(x.stability());
        }
        // Normalising first makes the lengths of the rows irrelevant.
        SplittableRandom random = new SplittableRandom(1);
        float[] scaled = b.features().values().clone();
        int d = b.features().dimension();
        for (int i = 0; i < b.features().rows(); i++) {
            float f = (float) (0.1 + 10 * random.nextDouble());
            for (int j = 0; j < d; j++) {
                scaled[i * d + j] *= f;
            }
        }
        KEstimate s = estimator.estimate(FeatureMatrix.of(scaled, b.features().rows(), d));
        assertThat(s.choices()).isEqualTo(a.choices());
        assertThat(s.row(4).silhouette()).isCloseTo(a.row(4).silhouette(), within(1e-4));
    }

    @Test
    void usesASampleAndOnlyTheRequestedCriteria() {
        SphericalBlobs.Blobs b = blobs(4);
        KEstimate e = KEstimator.builder().optRange(1, 6).optSampleSize(120).optRestarts(2)
                .optCriteria(EnumSet.of(KCriterion.SILHOUETTE)).build().estimate(b.features());
        assertThat(e.settings().rows()).isEqualTo(200);
        assertThat(e.settings().sampleRows()).isEqualTo(120);
        assertThat(e.settings().criteria()).containsExactly(KCriterion.SILHOUETTE);
        assertThat(e.settings().gapReferences()).isZero();
        assertThat(e.settings().gapReference()).isNull();
        assertThat(e.choices()).containsOnlyKeys(KCriterion.SILHOUETTE);
        assertThat(e.chosenK()).isEqualTo(4);
        // K = 1 has an inertia but no silhouette.
        assertThat(e.row(1).inertia()).isPositive();
        assertThat(e.row(1).silhouette()).isNaN();
        assertThat(e.rows()).allSatisfy(r -> assertThat(r.gap()).isNaN());
    }

    @Test
    void capsTheRangeAtTheSampleAndRejectsTooFewVectors() {
        FeatureMatrix six = blobs(3).features().select(new int[] {0, 1, 2, 3, 4, 5});
        KEstimate e = KEstimator.builder().optRange(2, 50).optRestarts(1)
                .optCriteria(EnumSet.of(KCriterion.SILHOUETTE)).build().estimate(six);
        assertThat(e.rows()).hasSize(4);
        assertThat(e.settings().maxK()).isEqualTo(5);
        assertThatThrownBy(() -> KEstimator.builder().optRange(6, 8).build().estimate(six))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("too few");
        assertThatThrownBy(() -> KEstimator.builder().optRange(0, 3)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> KEstimator.builder().optRange(5, 3)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> KEstimator.builder().optCriteria(EnumSet.noneOf(KCriterion.class)))
                .isInstanceOf(InvalidInputException.class);
    }
}
