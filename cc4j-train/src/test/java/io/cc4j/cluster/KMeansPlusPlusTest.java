package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansPlusPlusTest {
    @Test
    void searchSortedFindsTheFirstRunningSumThatReachesTheValue() {
        double[] cumulative = {0, 1, 1, 3, 6};
        assertThat(KMeansPlusPlus.searchSorted(cumulative, 0)).isEqualTo(0);
        assertThat(KMeansPlusPlus.searchSorted(cumulative, 0.5)).isEqualTo(1);
        assertThat(KMeansPlusPlus.searchSorted(cumulative, 1)).isEqualTo(1);
        assertThat(KMeansPlusPlus.searchSorted(cumulative, 1.01)).isEqualTo(3);
        assertThat(KMeansPlusPlus.searchSorted(cumulative, 6)).isEqualTo(4);
        // Beyond the total (rounding) it clips to the last sample.
        assertThat(KMeansPlusPlus.searchSorted(cumulative, 7)).isEqualTo(4);
    }

    @Test
    void seedsOneCentreInEachOfFourFarApartGroupsAndIsReproducible() {
        // 4 groups of 25 samples within 0.1 of a corner 100 apart: after the first centre, a sample of a
        // group without a centre outweighs all others by far, so every group gets exactly one centre.
        int n = 100;
        int d = 2;
        float[] x = new float[n * d];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            int group = i % 4;
            x[i * d] = (float) (100 * (group & 1) + random.nextDouble(0, 0.1));
            x[i * d + 1] = (float) (100 * (group >> 1) + random.nextDouble(0, 0.1));
        }
        try (EnginePoints points = new EnginePoints(x, n, d, EnginePoints.DEFAULT_CHUNK_BYTES)) {
            float[][] a = KMeansPlusPlus.seed(points, 4, new SplittableRandom(17));
            float[][] b = KMeansPlusPlus.seed(points, 4, new SplittableRandom(17));
            assertThat(b).isDeepEqualTo(a);
            Set<Integer> groups = new HashSet<>();
            for (float[] centre : a) {
                groups.add((centre[0] > 50 ? 1 : 0) + (centre[1] > 50 ? 2 : 0));
            }
            assertThat(groups).containsExactlyInAnyOrder(0, 1, 2, 3);
        }
    }
}
