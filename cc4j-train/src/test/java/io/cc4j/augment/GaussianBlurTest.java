package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.testing.TestImages;
import io.cc4j.transform.Workspace;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GaussianBlurTest {
    @ParameterizedTest
    @CsvSource({"32,32,0.1", "32,32,2.0", "24,40,1.3", "5,7,2.0", "1,1,1.0"})
    void preservesAConstantImage(int h, int w, double sigma) {
        float[] img = new float[3 * h * w];
        Arrays.fill(img, 0.37f);
        GaussianBlur.blur(img, 0, 3, h, w, sigma, new Workspace());
        double mean = 0;
        for (float v : img) {
            assertThat(v).isCloseTo(0.37f, within(1e-5f));
            mean += v;
        }
        assertThat(mean / img.length).isCloseTo(0.37, within(1e-6));
    }

    @Test
    void kernelIsNormalisedSymmetricAndPeaked() {
        float[] k = GaussianBlur.kernel(1.5);
        assertThat(k).hasSize(23);
        double sum = 0;
        for (int i = 0; i < 23; i++) {
            sum += k[i];
            assertThat(k[i]).isEqualTo(k[22 - i]);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));
        assertThat(k[11]).isGreaterThan(k[10]);
        assertThat(k[11] / k[12]).isCloseTo((float) Math.exp(0.5 / (1.5 * 1.5)), within(1e-5f));
    }

    @Test
    void spreadsAnImpulseSymmetricallyAndKeepsItsMass() {
        int n = 31;
        float[] img = new float[n * n];
        img[15 * n + 15] = 1f;
        GaussianBlur.blur(img, 0, 1, n, n, 2.0, new Workspace());
        float[] k = GaussianBlur.kernel(2.0);
        assertThat(img[15 * n + 15]).isCloseTo(k[11] * k[11], within(1e-6f));
        assertThat(img[15 * n + 16]).isCloseTo(img[15 * n + 14], within(1e-7f));
        assertThat(img[16 * n + 15]).isCloseTo(img[15 * n + 16], within(1e-7f));
        double sum = 0;
        for (float v : img) {
            sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void equalsADirectTwoDimensionalConvolutionWithReflectPadding() {
        int h = 13;
        int w = 17;
        double sigma = 1.7;
        float[] img = TestImages.randomFloats(h * w, 12);
        float[] k = GaussianBlur.kernel(sigma);
        double[] expected = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                for (int dy = -11; dy <= 11; dy++) {
                    for (int dx = -11; dx <= 11; dx++) {
                        int yy = GaussianBlur.reflect(y + dy, h);
                        int xx = GaussianBlur.reflect(x + dx, w);
                        sum += (double) k[dy + 11] * k[dx + 11] * img[yy * w + xx];
                    }
                }
                expected[y * w + x] = sum;
            }
        }
        GaussianBlur.blur(img, 0, 1, h, w, sigma, new Workspace());
        for (int i = 0; i < img.length; i++) {
            assertThat((double) img[i]).isCloseTo(expected[i], within(1e-5));
        }
    }

    @Test
    void reflectsWithoutRepeatingTheEdge() {
        assertThat(GaussianBlur.reflect(-1, 5)).isEqualTo(1);
        assertThat(GaussianBlur.reflect(-2, 5)).isEqualTo(2);
        assertThat(GaussianBlur.reflect(5, 5)).isEqualTo(3);
        assertThat(GaussianBlur.reflect(6, 5)).isEqualTo(2);
        assertThat(GaussianBlur.reflect(3, 5)).isEqualTo(3);
        // Padding wider than the image keeps reflecting.
        assertThat(GaussianBlur.reflect(-11, 5)).isEqualTo(3);
        assertThat(GaussianBlur.reflect(7, 1)).isZero();
    }

    @Test
    void blursAboutHalfOfTheTimeWithSigmaInRange() {
        GaussianBlur blur = new GaussianBlur();
        SplittableRandom rng = new SplittableRandom(4);
        float[] img = new float[3 * 4 * 4];
        Workspace tmp = new Workspace();
        int hits = 0;
        for (int k = 0; k < 10_000; k++) {
            double sigma = blur.apply(img, 0, 3, 4, 4, rng, tmp);
            if (!Double.isNaN(sigma)) {
                hits++;
                assertThat(sigma).isBetween(0.1, 2.0);
            }
        }
        assertThat(hits / 10_000.0).isBetween(0.48, 0.52);
    }
}
