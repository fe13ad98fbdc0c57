package io.cc4j.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.testing.TestImages;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BilinearResamplerTest {
    @ParameterizedTest
    @CsvSource({"32,32,32", "32,32,224", "96,96,32", "375,500,224", "7,3,5"})
    void resizingAConstantImageGivesAConstantImage(int h, int w, int size) {
        float[] src = new float[3 * h * w];
        Arrays.fill(src, 0.6f);
        float[] dst = new float[3 * size * size];
        new Resize(size).apply(src, 3, h, w, dst, 0, new Workspace());
        for (float v : dst) {
            assertThat(v).isCloseTo(0.6f, within(1e-6f));
        }
    }

    @Test
    void upscalingIsBilinearWithAlignCornersFalse() {
        // PyTorch upsample_bilinear2d, align_corners=False, 2 -> 4: source positions -0.25, 0.25, 0.75,
        // 1.25, clamped to the edges, give 0, 0.25, 0.75, 1.
        float[] src = {0f, 1f};
        float[] dst = new float[4];
        BilinearResampler.resize(src, 0, 1, 1, 2, CropBox.whole(1, 2), dst, 0, 1, 4, new Workspace());
        assertThat(dst[0]).isCloseTo(0f, within(1e-7f));
        assertThat(dst[1]).isCloseTo(0.25f, within(1e-7f));
        assertThat(dst[2]).isCloseTo(0.75f, within(1e-7f));
        assertThat(dst[3]).isCloseTo(1f, within(1e-7f));
    }

    @Test
    void downscalingAveragesWithTheWidenedTriangleAsPil() {
        // 4 -> 2: output 0 is centred at 1.0 with support 2; taps 0, 1, 2 weigh 0.75, 0.75, 0.25 (/1.75).
        float[] src = {0.1f, 0.2f, 0.4f, 0.8f};
        float[] dst = new float[2];
        BilinearResampler.resize(src, 0, 1, 1, 4, CropBox.whole(1, 4), dst, 0, 1, 2, new Workspace());
        assertThat(dst[0]).isCloseTo((0.75f * 0.1f + 0.75f * 0.2f + 0.25f * 0.4f) / 1.75f, within(1e-6f));
        assertThat(dst[1]).isCloseTo((0.25f * 0.2f + 0.75f * 0.4f + 0.75f * 0.8f) / 1.75f, within(1e-6f));
    }

    @Test
    void equalSizeCropCopiesTheRectangle() {
        int h = 6;
        int w = 7;
        float[] src = TestImages.randomFloats(2 * h * w, 3);
        CropBox box = new CropBox(1, 2, 4, 4);
        float[] dst = new float[2 * 16];
        BilinearResampler.resize(src, 0, 2, h, w, box, dst, 0, 4, 4, new Workspace());
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    assertThat(dst[c * 16 + y * 4 + x]).isEqualTo(src[c * h * w + (1 + y) * w + 2 + x]);
                }
            }
        }
    }

    @Test
    void tableWeightsAreNormalised() {
        BilinearResampler.Table t = BilinearResampler.Table.of(5, 300, 32);
        for (int o = 0; o < 32; o++) {
            double sum = 0;
            for (int k = 0; k < t.count()[o]; k++) {
                sum += t.weights()[o * t.stride() + k];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-6));
            assertThat(t.start()[o]).isBetween(5, 5 + 300 - t.count()[o]);
        }
    }
}
