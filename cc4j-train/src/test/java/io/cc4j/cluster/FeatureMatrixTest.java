package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.InvalidInputException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FeatureMatrixTest {
    @Test
    void wrapsRowMajorValuesAndCopiesRows() {
        float[] v = {1, 2, 3, 4, 5, 6};
        FeatureMatrix m = FeatureMatrix.of(v, 2, 3);
        assertThat(m.rows()).isEqualTo(2);
        assertThat(m.dimension()).isEqualTo(3);
        assertThat(m.get(1, 0)).isEqualTo(4f);
        assertThat(m.row(1)).containsExactly(4, 5, 6);
        assertThat(FeatureMatrix.of(new float[][] {{1, 2, 3}, {4, 5, 6}}).values()).containsExactly(v);
        assertThat(m.select(new int[] {1, 1, 0}).values()).containsExactly(4, 5, 6, 4, 5, 6, 1, 2, 3);
    }

    @Test
    void normalisedRowsHaveUnitLengthAndKeepTheirDirection() {
        FeatureMatrix m = FeatureMatrix.of(new float[][] {{3, 4}, {0, -0.5f}}).l2Normalized();
        assertThat(m.row(0)).containsExactly(0.6f, 0.8f);
        assertThat(m.row(1)).containsExactly(0f, -1f);
        assertThatThrownBy(() -> FeatureMatrix.of(new float[][] {{1, 1}, {0, 0}}).l2Normalized())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 1 is all zeros");
    }

    @Test
    void sampleIndicesAreASortedSeededSampleWithoutRepeats() {
        int[] a = FeatureMatrix.sampleIndices(1000, 100, 7);
        assertThat(a).hasSize(100).isSorted().doesNotHaveDuplicates();
        assertThat(a[0]).isGreaterThanOrEqualTo(0);
        assertThat(a[99]).isLessThan(1000);
        assertThat(FeatureMatrix.sampleIndices(1000, 100, 7)).isEqualTo(a);
        assertThat(FeatureMatrix.sampleIndices(1000, 100, 8)).isNotEqualTo(a);
        // Roughly uniform: the mean index of a sample of 100 is near 500 (sd about 29).
        assertThat(Arrays.stream(a).average().orElseThrow()).isCloseTo(499.5, within(120.0));
        assertThat(FeatureMatrix.sampleIndices(5, 0, 1)).containsExactly(0, 1, 2, 3, 4);
        assertThat(FeatureMatrix.sampleIndices(5, 9, 1)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void rejectsBadShapesAndValues() {
        assertThatThrownBy(() -> FeatureMatrix.of(new float[5], 2, 3)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2 x 3");
        assertThatThrownBy(() -> FeatureMatrix.of(new float[] {0, Float.NaN}, 1, 2))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 0 column 1 is NaN");
        assertThatThrownBy(() -> FeatureMatrix.of(new float[][] {{1, 2}, {3}}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("row 1 has length 1");
        assertThatThrownBy(() -> FeatureMatrix.of(new float[0], 0, 3)).isInstanceOf(InvalidInputException.class);
        FeatureMatrix m = FeatureMatrix.of(new float[] {1, 2}, 1, 2);
        assertThatThrownBy(() -> m.select(new int[] {1})).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("row 1");
    }
}
