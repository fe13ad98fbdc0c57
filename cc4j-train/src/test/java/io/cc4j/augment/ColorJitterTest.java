package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cc4j.testing.TestImages;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColorJitterTest {
    private static final int PLANE = 64;

    @Test
    void strengthZeroIsTheIdentity() {
        ColorJitter jitter = ColorJitter.ofStrength(0);
        SplittableRandom rng = new SplittableRandom(1);
        for (int k = 0; k < 20; k++) {
            float[] img = TestImages.randomFloats(3 * PLANE, k);
            float[] before = img.clone();
            ColorJitter.Params p = jitter.apply(img, 0, PLANE, rng);
            assertThat(img).isEqualTo(before);
            assertThat(p.brightness()).isNaN();
            assertThat(p.hue()).isNaN();
        }
    }

    @Test
    void unitFactorsAndZeroHueShiftChangeNothing() {
        float[] img = TestImages.randomFloats(3 * PLANE, 2);
        float[] before = img.clone();
        ColorJitter.adjustBrightness(img, 0, PLANE, 1f);
        ColorJitter.adjustContrast(img, 0, PLANE, 1f);
        ColorJitter.adjustSaturation(img, 0, PLANE, 1f);
        assertThat(img).isEqualTo(before);
        ColorJitter.adjustHue(img, 0, PLANE, 0f);
        for (int i = 0; i < img.length; i++) {
            assertThat(img[i]).isCloseTo(before[i], within(1e-5f));
        }
    }

    @Test
    void brightnessScalesAndClamps() {
        float[] img = {0.2f, 0.6f, 0.9f};
        ColorJitter.adjustBrightness(img, 0, 1, 1.5f);
        assertThat(img[0]).isCloseTo(0.3f, within(1e-6f));
        assertThat(img[1]).isCloseTo(0.9f, within(1e-6f));
        assertThat(img[2]).isEqualTo(1f);
    }

    @Test
    void contrastZeroGivesTheGrayMeanEverywhere() {
        float[] img = TestImages.randomFloats(3 * PLANE, 4);
        double mean = 0;
        for (int i = 0; i < PLANE; i++) {
            mean += 0.299 * img[i] + 0.587 * img[PLANE + i] + 0.114 * img[2 * PLANE + i];
        }
        mean /= PLANE;
        ColorJitter.adjustContrast(img, 0, PLANE, 0f);
        for (float v : img) {
            assertThat((double) v).isCloseTo(mean, within(1e-6));
        }
    }

    @Test
    void saturationZeroGivesGrayscale() {
        float[] img = TestImages.randomFloats(3 * PLANE, 5);
        float[] gray = img.clone();
        RandomGrayscale.toGrayscale(gray, 0, PLANE);
        ColorJitter.adjustSaturation(img, 0, PLANE, 0f);
        for (int i = 0; i < img.length; i++) {
            assertThat(img[i]).isCloseTo(gray[i], within(1e-6f));
        }
    }

    @Test
    void hueShiftOfOneThirdTurnsRedIntoGreenAndBackAfterAFullTurn() {
        float[] red = {1f, 0f, 0f};
        ColorJitter.adjustHue(red, 0, 1, 1f / 3f);
        assertThat(red[0]).isCloseTo(0f, within(1e-6f));
        assertThat(red[1]).isCloseTo(1f, within(1e-6f));
        assertThat(red[2]).isCloseTo(0f, within(1e-6f));
        float[] img = TestImages.randomFloats(3 * PLANE, 6);
        float[] before = img.clone();
        ColorJitter.adjustHue(img, 0, PLANE, 0.25f);
        assertThat(img).isNotEqualTo(before);
        ColorJitter.adjustHue(img, 0, PLANE, -0.25f);
        for (int i = 0; i < img.length; i++) {
            assertThat(img[i]).isCloseTo(before[i], within(1e-5f));
        }
    }

    @Test
    void factorsStayInTheirRangesAndTheOrderIsAPermutation() {
        ColorJitter jitter = ColorJitter.ofStrength(1.0);
        SplittableRandom rng = new SplittableRandom(8);
        boolean[] firstSeen = new boolean[4];
        for (int k = 0; k < 2000; k++) {
            ColorJitter.Params p = jitter.sample(rng);
            assertThat(p.order()).containsExactlyInAnyOrder(0, 1, 2, 3);
            firstSeen[p.order()[0]] = true;
            assertThat(p.brightness()).isBetween(0.2, 1.8);
            assertThat(p.contrast()).isBetween(0.2, 1.8);
            assertThat(p.saturation()).isBetween(0.2, 1.8);
            assertThat(p.hue()).isBetween(-0.2, 0.2);
        }
        assertThat(firstSeen).containsOnly(true);
    }

    @Test
    void strongJitterKeepsValuesInTheUnitInterval() {
        ColorJitter jitter = new ColorJitter(2.0, 2.0, 2.0, 0.5);
        SplittableRandom rng = new SplittableRandom(9);
        for (int k = 0; k < 50; k++) {
            float[] img = TestImages.randomFloats(3 * PLANE, 100 + k);
            jitter.apply(img, 0, PLANE, rng);
            for (float v : img) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }
}
