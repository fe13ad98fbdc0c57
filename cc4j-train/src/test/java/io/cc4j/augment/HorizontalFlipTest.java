package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.testing.TestImages;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HorizontalFlipTest {
    @Test
    void flipsAboutHalfOfTheTime() {
        HorizontalFlip flip = new HorizontalFlip();
        SplittableRandom rng = new SplittableRandom(42);
        float[] img = {1, 2};
        int flips = 0;
        int draws = 20_000;
        for (int k = 0; k < draws; k++) {
            if (flip.apply(img, 0, 1, 1, 2, rng)) {
                flips++;
            }
        }
        assertThat(flips / (double) draws).isBetween(0.48, 0.52);
    }

    @Test
    void mirrorsEveryRowOfEveryPlane() {
        float[] img = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        HorizontalFlip.flip(img, 0, 2, 2, 3);
        assertThat(img).containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10);
    }

    @Test
    void respectsTheOffsetAndIsItsOwnInverse() {
        float[] img = TestImages.randomFloats(5 + 3 * 4 * 5, 1);
        float[] copy = img.clone();
        HorizontalFlip.flip(img, 5, 3, 4, 5);
        assertThat(img).startsWith(java.util.Arrays.copyOf(copy, 5));
        assertThat(img).isNotEqualTo(copy);
        HorizontalFlip.flip(img, 5, 3, 4, 5);
        assertThat(img).isEqualTo(copy);
    }
}
