package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.data.InMemoryDataset;
import io.cc4j.data.RawImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pseudo-label rules of TCL's generate_pseudo_labels, case by case. */
class PseudoLabelsTest {
    /** Rows of K = 2 probabilities: (p, 1 - p). */
    private static float[] rows(float... p) {
        float[] out = new float[2 * p.length];
        for (int i = 0; i < p.length; i++) {
            out[2 * i] = p[i];
            out[2 * i + 1] = 1 - p[i];
        }
        return out;
    }

    @Test
    void eachClusterLabelsOnlyItsMostConfidentQuotaAndConfidenceBelowAlphaDropsTheLabel() {
        // B = 8, K = 2, gamma 0.5: quota ceil(8 / 2 * 0.5) = 2 per cluster.
        PseudoLabels labels = new PseudoLabels(10, 2, 0.9, 0.5);
        int[] batch = {0, 1, 2, 3, 4, 5, 6, 7};
        labels.update(batch, rows(0.99f, 0.95f, 0.97f, 0.6f, 0.02f, 0.05f, 0.3f, 0.45f));
        // cluster 0: 0 (0.99), 2 (0.97) win, 1 (0.95) is third; cluster 1: 4 (0.98), 5 (0.95) win.
        assertThat(labels.of(batch)).containsExactly(0, -1, 0, -1, 1, 1, -1, -1);
        assertThat(labels.labelled()).isEqualTo(4);
        assertThat(labels.labelledFraction()).isEqualTo(0.4);
    }

    @Test
    void labelsPersistAcrossBatchesUntilTheirImageBecomesUnconfident() {
        PseudoLabels labels = new PseudoLabels(4, 2, 0.9, 0.5);
        int[] batch = {0, 1, 2, 3};
        labels.update(batch, rows(0.99f, 0.5f, 0.02f, 0.5f));
        assertThat(labels.of(batch)).containsExactly(0, -1, 1, -1);
        // Image 0 now predicted as cluster 1 with confidence 0.97: it keeps label 0 (labels persist).
        // Image 2 falls to confidence 0.6: it loses its label. Image 1 becomes a confident candidate of cluster 0.
        labels.update(batch, rows(0.03f, 0.96f, 0.6f, 0.5f));
        assertThat(labels.of(batch)).containsExactly(0, 0, -1, -1);
    }

    @Test
    void accuracyUsesTheBestMatchingOverLabelledImagesOnly() {
        List<RawImage> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add(new RawImage(1, 1, 1, new byte[] {(byte) i}));
        }
        InMemoryDataset data = InMemoryDataset.labelled(images, new int[] {5, 5, 7, 7}, List.of());
        PseudoLabels labels = new PseudoLabels(4, 2, 0.5, 1.0);
        labels.update(new int[] {0, 1, 2, 3}, rows(0.1f, 0.2f, 0.9f, 0.5f));
        // labels: 0 -> 1, 1 -> 1, 2 -> 0, 3 -> unconfident (0.5 < alpha 0.5 is false: kept if a candidate)
        assertThat(labels.accuracy(data)).isEqualTo(1.0);
        assertThat(new PseudoLabels(4, 2, 0.99, 0.5).accuracy(data)).isNaN();
    }
}
