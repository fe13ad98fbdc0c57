package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AgglomerativeTest {
    @Test
    void mergesTheClosestDirectionsFirst() {
        // Angles 0, 5, 90, 93, 180 degrees in the plane.
        float[] v = unitVectorsAtDegrees(0, 5, 90, 93, 180);
        Agglomerative.Result r = Agglomerative.cluster(v, 5, 2, 3, Linkage.AVERAGE);
        assertThat(r.groupOf()).containsExactly(0, 0, 2, 2, 4);
        assertThat(r.heights()).hasSize(2);
        assertThat(r.heights()[0]).isCloseTo(1 - Math.cos(Math.toRadians(3)), within(1e-7));
        assertThat(r.heights()[1]).isCloseTo(1 - Math.cos(Math.toRadians(5)), within(1e-7));
        assertThat(Agglomerative.cluster(v, 5, 2, 5, Linkage.AVERAGE).groupOf()).containsExactly(0, 1, 2, 3, 4);
        assertThat(Agglomerative.cluster(v, 5, 2, 1, Linkage.AVERAGE).groupOf()).containsOnly(0);
    }

    @Test
    void linkagesDifferWhereTheirDefinitionsDo() {
        // Directions at 0, 40, 72, 100 and 200 degrees. Every linkage first joins 72 and 100 (28 degrees apart).
        // Single linkage then measures {72, 100} to 40 by its nearest member (32 degrees) and chains it on;
        // complete linkage measures it by the farthest (60 degrees), so 0 and 40 (40 degrees) join first, and so
        // does average linkage (mean of 1 - cos 32 and 1 - cos 60 = 0.326 > 1 - cos 40 = 0.234).
        float[] v = unitVectorsAtDegrees(0, 40, 72, 100, 200);
        assertThat(Agglomerative.cluster(v, 5, 2, 3, Linkage.SINGLE).groupOf()).containsExactly(0, 1, 1, 1, 4);
        assertThat(Agglomerative.cluster(v, 5, 2, 3, Linkage.COMPLETE).groupOf()).containsExactly(0, 0, 2, 2, 4);
        assertThat(Agglomerative.cluster(v, 5, 2, 3, Linkage.AVERAGE).groupOf()).containsExactly(0, 0, 2, 2, 4);
        // Into 2 they agree: 200 degrees is far from everything.
        for (Linkage linkage : Linkage.values()) {
            assertThat(Agglomerative.cluster(v, 5, 2, 2, linkage).groupOf()).containsExactly(0, 0, 0, 0, 4);
        }
    }

    @ParameterizedTest
    @EnumSource(Linkage.class)
    void lanceWilliamsUpdatesEqualTheDefinitionRecomputedFromMembers(Linkage linkage) {
        SplittableRandom random = new SplittableRandom(linkage.ordinal() + 10);
        int m = 25;
        int d = 6;
        float[] v = new float[m * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextDouble() - 0.5);
        }
        double[][] pair = Agglomerative.cosineDistances(v, m, d);
        for (int into = 1; into <= m; into += 4) {
            Agglomerative.Result fast = Agglomerative.cluster(v, m, d, into, linkage);
            List<List<Integer>> groups = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                groups.add(new ArrayList<>(List.of(i)));
            }
            List<Double> heights = new ArrayList<>();
            while (groups.size() > into) {
                int bestA = 0;
                int bestB = 1;
                double best = Double.POSITIVE_INFINITY;
                for (int a = 0; a < groups.size(); a++) {
                    for (int b = a + 1; b < groups.size(); b++) {
                        double dist = groupDistance(groups.get(a), groups.get(b), pair, linkage);
                        if (dist < best - 1e-12) {
                            best = dist;
                            bestA = a;
                            bestB = b;
                        }
                    }
                }
                heights.add(best);
                groups.get(bestA).addAll(groups.remove(bestB));
            }
            int[] groupOf = new int[m];
            for (List<Integer> g : groups) {
                int name = g.stream().mapToInt(Integer::intValue).min().orElseThrow();
                g.forEach(i -> groupOf[i] = name);
            }
            assertThat(fast.groupOf()).as(linkage + " into " + into).containsExactly(groupOf);
            for (int s = 0; s < heights.size(); s++) {
                assertThat(fast.heights()[s]).isCloseTo(heights.get(s), within(1e-12));
            }
        }
    }

    private static double groupDistance(List<Integer> a, List<Integer> b, double[][] pair, Linkage linkage) {
        double sum = 0;
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i : a) {
            for (int j : b) {
                sum += pair[i][j];
                max = Math.max(max, pair[i][j]);
                min = Math.min(min, pair[i][j]);
            }
        }
        return switch (linkage) {
            case AVERAGE -> sum / (a.size() * b.size());
            case COMPLETE -> max;
            case SINGLE -> min;
        };
    }

    @Test
    void rejectsImpossibleTargetsAndZeroVectors() {
        float[] v = unitVectorsAtDegrees(0, 90);
        assertThatThrownBy(() -> Agglomerative.cluster(v, 2, 2, 3, Linkage.AVERAGE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2 clusters into 3");
        assertThatThrownBy(() -> Agglomerative.cluster(v, 2, 2, 0, Linkage.AVERAGE))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Agglomerative.cluster(new float[] {1, 0, 0, 0}, 2, 2, 1, Linkage.AVERAGE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cluster 1 is all zeros");
    }

    static float[] unitVectorsAtDegrees(double... degrees) {
        float[] v = new float[degrees.length * 2];
        for (int i = 0; i < degrees.length; i++) {
            v[2 * i] = (float) Math.cos(Math.toRadians(degrees[i]));
            v[2 * i + 1] = (float) Math.sin(Math.toRadians(degrees[i]));
        }
        return v;
    }
}
