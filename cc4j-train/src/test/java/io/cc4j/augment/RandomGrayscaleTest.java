package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.testing.TestImages;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomGrayscaleTest {
    @Test
    void producesThreeEqualChannelsOfItuR601Luma() {
        int plane = 50;
        float[] img = TestImages.randomFloats(3 * plane, 3);
        float[] before = img.clone();
        RandomGrayscale.toGrayscale(img, 0, plane);
        for (int i = 0; i < plane; i++) {
            float expected = 0.299f * before[i] + 0.587f * before[plane + i] + 0.114f * before[2 * plane + i];
            assertThat(img[i]).isCloseTo(expected, within(1e-6f));
            assertThat(img[plane + i]).isEqualTo(img[i]);
            assertThat(img[2 * plane + i]).isEqualTo(img[i]);
        }
    }

    @Test
    void whiteStaysWhite() {
        float[] img = {1, 1, 1};
        RandomGrayscale.toGrayscale(img, 0, 1);
        assertThat(img).containsExactly(1f, 1f, 1f);
    }

    @Test
    void convertsAboutOneImageInFive() {
        RandomGrayscale g = new RandomGrayscale();
        SplittableRandom rng = new SplittableRandom(5);
        float[] img = {0.2f, 0.4f, 0.6f};
        int hits = 0;
        for (int k = 0; k < 20_000; k++) {
            if (g.apply(img, 0, 1, rng)) {
                hits++;
            }
        }
        assertThat(hits / 20_000.0).isBetween(0.19, 0.21);
    }
}
