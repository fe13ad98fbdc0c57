package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.InvalidInputException;
import org.junit.jupiter.api.Test;

class SphericalBlobsTest {
    @Test
    void unitPointsAroundUnitCentresWithTheRequestedSpread() {
        int k = 5;
        int d = 32;
        double spread = 0.5;
        SphericalBlobs.Blobs b = SphericalBlobs.builder().setClusters(k).optPointsPerCluster(200).optDimension(d)
                .optSpread(spread).optSeed(3).build().generate();
        FeatureMatrix x = b.features();
        assertThat(x.rows()).isEqualTo(k * 200);
        assertThat(x.dimension()).isEqualTo(d);
        assertThat(b.centres().rows()).isEqualTo(k);
        double meanCos = 0;
        for (int i = 0; i < x.rows(); i++) {
            assertThat(b.labels()[i]).isEqualTo(i % k);
            assertThat(norm(x.row(i))).isCloseTo(1, within(1e-6));
            meanCos += dot(x.row(i), b.centres().row(b.labels()[i]));
            // Every point is nearer (by cosine) its own centre than any other.
            for (int c = 0; c < k; c++) {
                if (c != b.labels()[i]) {
                    assertThat(dot(x.row(i), b.centres().row(c))).isLessThan(dot(x.row(i), b.centres().row(i % k)));
                }
            }
        }
        // Noise of length about 0.5 puts a point at cos about 1 / sqrt(1 + 0.25) = 0.894 from its centre.
        assertThat(meanCos / x.rows()).isCloseTo(1 / Math.sqrt(1 + spread * spread), within(0.02));
        for (int c = 0; c < k; c++) {
            assertThat(norm(b.centres().row(c))).isCloseTo(1, within(1e-6));
        }
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        SphericalBlobs.Builder builder = SphericalBlobs.builder().setClusters(3).optPointsPerCluster(10).optDimension(4);
        float[] a = builder.optSeed(5).build().generate().features().values();
        assertThat(builder.optSeed(5).build().generate().features().values()).containsExactly(a);
        assertThat(builder.optSeed(6).build().generate().features().values()).isNotEqualTo(a);
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> SphericalBlobs.builder().build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SphericalBlobs.builder().setClusters(0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SphericalBlobs.builder().optDimension(1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SphericalBlobs.builder().optSpread(-1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> SphericalBlobs.builder().optSpread(Double.NaN))
                .isInstanceOf(InvalidInputException.class);
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (double) a[j] * b[j];
        }
        return s;
    }

    private static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }
}
