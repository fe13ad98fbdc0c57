package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GapStatisticTest {
    private static List<GapStatistic.Gap> gaps(int firstK, double[] gap, double[] s) {
        List<GapStatistic.Gap> out = new ArrayList<>();
        for (int i = 0; i < gap.length; i++) {
            out.add(new GapStatistic.Gap(firstK + i, Double.NaN, Double.NaN, gap[i], Double.NaN, s[i]));
        }
        return out;
    }

    @Test
    void tibshiranisRuleTakesTheSmallestKWithinOneErrorOfTheNext() {
        double[] s = {0.05, 0.05, 0.05, 0.05, 0.05};
        // 1: 0.5 < 0.9 - 0.05; 2: 0.9 < 1.2 - 0.05; 3: 1.2 >= 1.18 - 0.05 -> 3.
        assertThat(GapStatistic.choose(gaps(1, new double[] {0.5, 0.9, 1.2, 1.18, 1.1}, s))).isEqualTo(3);
        // Still rising, but by less than one error: the smaller K is kept (2: 1.0 >= 1.04 - 0.05).
        assertThat(GapStatistic.choose(gaps(2, new double[] {1.0, 1.04, 1.3, 1.2, 1.1}, s))).isEqualTo(2);
        // The error of K + 1 is the one that counts: 0.6 < 0.7 - 0.05 (then 3: 0.7 >= 0.65), but 0.6 >= 0.7 - 0.2.
        assertThat(GapStatistic.choose(gaps(2, new double[] {0.6, 0.7, 0.65}, new double[] {0.0, 0.05, 0.0})))
                .isEqualTo(3);
        assertThat(GapStatistic.choose(gaps(2, new double[] {0.6, 0.7, 0.65}, new double[] {0.0, 0.2, 0.0})))
                .isEqualTo(2);
    }

    @Test
    void whenTheGapKeepsRisingTheLargestKIsChosen() {
        assertThat(GapStatistic.choose(gaps(2, new double[] {0.1, 0.3, 0.6, 1.0}, new double[] {0.01, 0.01, 0.01,
                0.01}))).isEqualTo(5);
        assertThat(GapStatistic.choose(gaps(4, new double[] {0.1}, new double[] {0.01}))).isEqualTo(4);
        assertThatThrownBy(() -> GapStatistic.choose(List.of())).isInstanceOf(InvalidInputException.class);
        List<GapStatistic.Gap> holes = List.of(new GapStatistic.Gap(2, 0, 0, 0.1, 0, 0.01),
                new GapStatistic.Gap(4, 0, 0, 0.2, 0, 0.01));
        assertThatThrownBy(() -> GapStatistic.choose(holes)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("consecutive");
    }

    @Test
    void boundingBoxReferencesAreUniformInEachFeaturesRangeAndRepeatable() {
        SplittableRandom random = new SplittableRandom(2);
        int n = 2000;
        float[] x = new float[n * 2];
        for (int i = 0; i < n; i++) {
            x[i * 2] = (float) (10 + 4 * random.nextDouble());
            x[i * 2 + 1] = (float) (-1 + random.nextDouble() * random.nextDouble());
        }
        FeatureMatrix data = FeatureMatrix.of(x, n, 2);
        GapStatistic.References refs = GapStatistic.builder().optReference(GapStatistic.Reference.BOUNDING_BOX)
                .build().on(data);
        FeatureMatrix r = refs.draw(0);
        assertThat(r.rows()).isEqualTo(n);
        double[] low = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] high = {-Double.MAX_VALUE, -Double.MAX_VALUE};
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                low[j] = Math.min(low[j], data.get(i, j));
                high[j] = Math.max(high[j], data.get(i, j));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat((double) r.get(i, j)).isBetween(low[j], high[j]);
            }
            meanY += r.get(i, 1);
        }
        // Uniform, unlike the data's product of uniforms: the mean is the middle of the range.
        assertThat(meanY / n).isCloseTo((low[1] + high[1]) / 2, within(0.03));
        assertThat(refs.draw(0).values()).containsExactly(r.values());
        assertThat(refs.draw(1).values()).isNotEqualTo(r.values());
    }

    @Test
    void pcaBoxReferencesFollowTheDataWhereTheBoundingBoxDoesNot() {
        // A thin diagonal band: its bounding box is a square, its PCA box is the band.
        SplittableRandom random = new SplittableRandom(3);
        int n = 1000;
        float[] x = new float[n * 2];
        for (int i = 0; i < n; i++) {
            double t = random.nextDouble();
            double w = 0.02 * (random.nextDouble() - 0.5);
            x[i * 2] = (float) (t + w);
            x[i * 2 + 1] = (float) (t - w);
        }
        FeatureMatrix data = FeatureMatrix.of(x, n, 2);
        double offDiagonalPca = maxDistanceFromDiagonal(
                GapStatistic.builder().optReference(GapStatistic.Reference.PCA_BOX).build().on(data).draw(0));
        double offDiagonalBox = maxDistanceFromDiagonal(
                GapStatistic.builder().optReference(GapStatistic.Reference.BOUNDING_BOX).build().on(data).draw(0));
        assertThat(offDiagonalPca).isLessThan(0.02);
        assertThat(offDiagonalBox).isGreaterThan(0.5);
    }

    private static double maxDistanceFromDiagonal(FeatureMatrix r) {
        double max = 0;
        for (int i = 0; i < r.rows(); i++) {
            max = Math.max(max, Math.abs(r.get(i, 0) - r.get(i, 1)) / Math.sqrt(2));
        }
        return max;
    }

    @Test
    void findsThreeBlobsAndComputesTheErrorFromTheReferences() {
        SphericalBlobs.Blobs blobs = SphericalBlobs.builder().setClusters(3).optPointsPerCluster(40).optDimension(8)
                .optSpread(0.4).optSeed(11).build().generate();
        FeatureMatrix x = blobs.features();
        GapStatistic gap = GapStatistic.builder().optReferences(5).optSeed(3).build();
        GapStatistic.References refs = gap.on(x);
        List<GapStatistic.Gap> gaps = new ArrayList<>();
        for (int k = 1; k <= 6; k++) {
            double inertia = KMeans.builder().setK(k).optNInit(3).optSeed(k).build().fit(x.values(), x.rows(),
                    x.dimension()).inertia();
            GapStatistic.Gap g = refs.at(k, inertia);
            assertThat(g.k()).isEqualTo(k);
            assertThat(g.logW()).isEqualTo(Math.log(inertia));
            assertThat(g.gap()).isEqualTo(g.expectedLogW() - g.logW());
            assertThat(g.s()).isCloseTo(g.sd() * Math.sqrt(1 + 1.0 / 5), within(1e-15));
            assertThat(g.sd()).isPositive();
            gaps.add(g);
        }
        assertThat(GapStatistic.choose(gaps)).isEqualTo(3);
        // The same references give the same gap.
        assertThat(refs.at(3, 1.0)).isEqualTo(refs.at(3, 1.0));
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> GapStatistic.builder().optReferences(1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> GapStatistic.builder().optRestarts(0)).isInstanceOf(InvalidInputException.class);
        FeatureMatrix x = FeatureMatrix.of(new float[][] {{0, 1}, {1, 0}});
        assertThatThrownBy(() -> GapStatistic.builder().build().on(x).at(3, 1.0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("outside 1..2");
    }
}
