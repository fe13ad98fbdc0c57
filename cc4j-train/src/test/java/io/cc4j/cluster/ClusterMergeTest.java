package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.InvalidInputException;
import io.cc4j.metrics.AdjustedRandIndex;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClusterMergeTest {
    /**
     * Head rows of a model over-clustered 3x: 9 rows, each a small perturbation of one of 3 directions, listed
     * in the order A B C A B C A B C.
     */
    private static float[] headRows(int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] directions = new float[3][d];
        for (int c = 0; c < 3; c++) {
            directions[c][c] = 1;
        }
        float[] w = new float[9 * d];
        for (int r = 0; r < 9; r++) {
            for (int j = 0; j < d; j++) {
                w[r * d + j] = (float) (3 * directions[r % 3][j] + 0.3 * (random.nextDouble() - 0.5));
            }
        }
        return w;
    }

    @Test
    void headRowsPointingTheSameWayAreMerged() {
        ClusterMerge merge = ClusterMerge.byHeadWeights(headRows(8, 1), 9, 8, 3);
        assertThat(merge.clusters()).isEqualTo(9);
        assertThat(merge.into()).isEqualTo(3);
        // New ids follow the smallest old id of each group: 0 -> 0, 1 -> 1, 2 -> 2.
        assertThat(merge.mapping()).containsExactly(0, 1, 2, 0, 1, 2, 0, 1, 2);
        assertThat(merge.groups()).isDeepEqualTo(new int[][] {{0, 3, 6}, {1, 4, 7}, {2, 5, 8}});
        assertThat(merge.newCluster(7)).isEqualTo(1);
        double[] heights = merge.mergeHeights();
        assertThat(heights).hasSize(6);
        // Within-group merges are at small cosine distances; the groups themselves are orthogonal (distance ~1).
        assertThat(java.util.Arrays.stream(heights).max().orElseThrow()).isLessThan(0.05);
        ClusterMerge all = ClusterMerge.byHeadWeights(headRows(8, 1), 9, 8, 1);
        assertThat(all.mergeHeights()[7]).isGreaterThan(0.8);
    }

    @Test
    void centroidsOfOverClusteredBlobsMergeBackToTheBlobs() {
        // 3 blobs, each cut into 3 sub-clusters by k-means with K' = 9; merging the centroids recovers the blobs.
        SphericalBlobs.Blobs b = SphericalBlobs.builder().setClusters(3).optPointsPerCluster(60).optDimension(16)
                .optSpread(0.5).optSeed(4).build().generate();
        FeatureMatrix x = b.features();
        int[] fine = KMeans.builder().setK(9).optNInit(2).optSeed(1).build().fit(x.values(), x.rows(), x.dimension())
                .labels();
        ClusterMerge merge = ClusterMerge.byCentroids(x, fine, 9, 3, Linkage.AVERAGE);
        int[] merged = merge.remapLabels(fine);
        assertThat(AdjustedRandIndex.of(b.labels(), merged)).isEqualTo(1.0);
        assertThat(merge.newCluster(0)).isZero();
        // Complete linkage agrees on data this clear.
        assertThat(ClusterMerge.byCentroids(x, fine, 9, 3, Linkage.COMPLETE).mapping()).containsExactly(merge.mapping());
    }

    @Test
    void hardCentroidsNeedMembersSoftCentroidsDoNot() {
        FeatureMatrix x = FeatureMatrix.of(new float[][] {{1, 0}, {2, 0.1f}, {0, 1}, {0.1f, 3}});
        int[] labels = {0, 0, 2, 2};
        assertThatThrownBy(() -> ClusterMerge.byCentroids(x, labels, 3, 2, Linkage.AVERAGE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cluster 1 has no image");
        // Cluster 1 is never the argmax but has probability mass near the first two images.
        float[] p = {
            0.7f, 0.3f, 0.0f,
            0.6f, 0.35f, 0.05f,
            0.05f, 0.05f, 0.9f,
            0.0f, 0.1f, 0.9f};
        float[] soft = ClusterMerge.softCentroids(x, p, 3);
        // Centroid 1 = (0.3 u0 + 0.35 u1 + 0.05 u2 + 0.1 u3) / 0.8 of the unit rows.
        double[] u1 = {2 / Math.sqrt(4.01), 0.1 / Math.sqrt(4.01)};
        double[] u3 = {0.1 / Math.sqrt(9.01), 3 / Math.sqrt(9.01)};
        double expectedX = (0.3 * 1 + 0.35 * u1[0] + 0.05 * 0 + 0.1 * u3[0]) / 0.8;
        assertThat((double) soft[2]).isCloseTo(expectedX, within(1e-6));
        ClusterMerge merge = ClusterMerge.bySoftCentroids(x, p, 3, 2, Linkage.AVERAGE);
        assertThat(merge.mapping()).containsExactly(0, 0, 1);
        assertThatThrownBy(() -> ClusterMerge.softCentroids(x, new float[] {1, 0, 0}, 3))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("do not form 4 x 3");
    }

    @Test
    void probabilitiesOfMergedClustersAreSummedAndTheArgmaxCanMove() {
        ClusterMerge merge = ClusterMerge.ofMapping(new int[] {0, 1, 1});
        float[] p = {
            0.40f, 0.35f, 0.25f,
            0.10f, 0.80f, 0.10f};
        float[] merged = merge.remapProbabilities(p, 2);
        assertThat(merged).containsExactly(new float[] {0.40f, 0.60f, 0.10f, 0.90f}, within(1e-6f));
        // Image 0: the old argmax (cluster 0) maps to new 0, but the merged mass says new 1.
        assertThat(merge.remapLabels(ClusterMerge.argmax(p, 2, 3))).containsExactly(0, 1);
        assertThat(ClusterMerge.argmax(merged, 2, 2)).containsExactly(1, 1);
        assertThat(ClusterMerge.argmax(new float[] {0.5f, 0.5f}, 1, 2)).containsExactly(0);
        assertThatThrownBy(() -> merge.remapProbabilities(new float[5], 2)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> merge.remapLabels(new int[] {3})).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aMappingMustReachEveryNewCluster() {
        assertThat(ClusterMerge.ofMapping(new int[] {1, 0, 1}).into()).isEqualTo(2);
        assertThat(ClusterMerge.ofMapping(new int[] {1, 0, 1}).mergeHeights()).isEmpty();
        assertThatThrownBy(() -> ClusterMerge.ofMapping(new int[] {0, 2})).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("new cluster 1");
        assertThatThrownBy(() -> ClusterMerge.ofMapping(new int[] {0, -1})).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ClusterMerge.byHeadWeights(headRows(4, 2), 9, 4, 10))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("9 clusters into 10");
    }
}
