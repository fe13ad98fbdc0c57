package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrincipalAxesTest {
    @Test
    void jacobiFindsTheEigenpairsOfAKnownMatrix() {
        // [[2,1,0],[1,2,0],[0,0,5]] has eigenvalues 1, 3, 5 with vectors (1,-1,0)/sqrt2, (1,1,0)/sqrt2, (0,0,1).
        double[] a = {2, 1, 0, 1, 2, 0, 0, 0, 5};
        double[] original = a.clone();
        double[] v = new double[9];
        double[] values = PrincipalAxes.symmetricEigen(a, 3, v);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        assertThat(sorted[0]).isCloseTo(1, within(1e-12));
        assertThat(sorted[1]).isCloseTo(3, within(1e-12));
        assertThat(sorted[2]).isCloseTo(5, within(1e-12));
        assertEigenpairs(original, v, values, 3);
    }

    @Test
    void jacobiDiagonalisesARandomSymmetricMatrix() {
        int d = 20;
        SplittableRandom random = new SplittableRandom(4);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                a[i * d + j] = random.nextDouble() - 0.5;
                a[j * d + i] = a[i * d + j];
            }
        }
        double[] original = a.clone();
        double[] v = new double[d * d];
        double[] values = PrincipalAxes.symmetricEigen(a, d, v);
        assertEigenpairs(original, v, values, d);
    }

    @Test
    void firstAxisFollowsTheDirectionOfLargestSpreadAndProjectionRoundTrips() {
        // Points spread 10x more along (1, 1, 0)/sqrt2 than across it, centred at (5, -2, 1).
        SplittableRandom random = new SplittableRandom(9);
        int n = 400;
        float[] x = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double along = 10 * (random.nextDouble() - 0.5);
            double across = random.nextDouble() - 0.5;
            double up = random.nextDouble() - 0.5;
            x[i * 3] = (float) (5 + (along + across) / Math.sqrt(2));
            x[i * 3 + 1] = (float) (-2 + (along - across) / Math.sqrt(2));
            x[i * 3 + 2] = (float) (1 + up);
        }
        PrincipalAxes axes = PrincipalAxes.of(FeatureMatrix.of(x, n, 3));
        assertThat(Math.abs(axes.axis(0, 0))).isCloseTo(Math.sqrt(0.5), within(0.02));
        assertThat(Math.abs(axes.axis(1, 0))).isCloseTo(Math.sqrt(0.5), within(0.02));
        assertThat(axes.axis(0, 0) * axes.axis(1, 0)).isPositive();
        double[] var = axes.variances();
        assertThat(var[0]).isCloseTo(100.0 / 12, within(1.5));
        assertThat(var[0]).isGreaterThan(var[1]);
        assertThat(var[1]).isGreaterThanOrEqualTo(var[2]);
        assertThat(axes.mean()[0]).isCloseTo(5, within(0.5));
        double[] z = axes.project(x, 3, new double[3]);
        float[] back = new float[3];
        axes.unproject(z, back, 0);
        for (int j = 0; j < 3; j++) {
            assertThat(back[j]).isCloseTo(x[3 + j], within(1e-5f));
        }
    }

    /** A V = V diag(values) and V^T V = I. */
    private static void assertEigenpairs(double[] a, double[] v, double[] values, int d) {
        for (int c = 0; c < d; c++) {
            for (int r = 0; r < d; r++) {
                double av = 0;
                for (int k = 0; k < d; k++) {
                    av += a[r * d + k] * v[k * d + c];
                }
                assertThat(av).isCloseTo(values[c] * v[r * d + c], within(1e-10));
            }
            for (int c2 = 0; c2 < d; c2++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += v[k * d + c] * v[k * d + c2];
                }
                assertThat(dot).isCloseTo(c == c2 ? 1 : 0, within(1e-10));
            }
        }
    }
}
