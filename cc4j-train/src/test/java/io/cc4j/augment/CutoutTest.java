package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.testing.TestImages;
import io.cc4j.transform.CropBox;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CutoutTest {
    @Test
    void theSideScalesFromTclsSeventyFivePixelsAt224() {
        assertThat(Cutout.maxLengthFor(75, 224)).isEqualTo(75);
        assertThat(Cutout.maxLengthFor(75, 96)).isEqualTo(32);
        assertThat(Cutout.maxLengthFor(75, 32)).isEqualTo(11);
        assertThat(Cutout.maxLengthFor(75, 28)).isEqualTo(9);
        assertThat(Cutout.maxLengthFor(75, 1)).isEqualTo(1);
    }

    @Test
    void theHoleUsesIntegerHalvesAndIsClippedAsInTcl() {
        // Side 7 centred at (10, 10): rows and columns 7..12 (six pixels, since 7 // 2 = 3 on each side).
        assertThat(Cutout.hole(7, 10, 10, 32, 32)).isEqualTo(new CropBox(7, 7, 6, 6));
        assertThat(Cutout.hole(8, 10, 10, 32, 32)).isEqualTo(new CropBox(6, 6, 8, 8));
        assertThat(Cutout.hole(1, 10, 10, 32, 32).area()).isZero();
        assertThat(Cutout.hole(10, 1, 30, 32, 32)).isEqualTo(new CropBox(0, 25, 6, 7));
    }

    @Test
    void fillsTheHoleWithOneColourPerChannelAndNothingElse() {
        int h = 12;
        int w = 10;
        int plane = h * w;
        float[] fill = {0.1f, 0.2f, 0.3f};
        Cutout cutout = new Cutout(6, fill);
        SplittableRandom rng = new SplittableRandom(5);
        for (int k = 0; k < 50; k++) {
            float[] img = TestImages.randomFloats(3 * plane, k);
            float[] before = img.clone();
            CropBox hole = cutout.apply(img, 0, 3, h, w, rng);
            assertThat(hole.height()).isBetween(0, 6);
            assertThat(hole.width()).isBetween(0, 6);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = c * plane + y * w + x;
                        boolean inside = y >= hole.top() && y < hole.top() + hole.height() && x >= hole.left()
                                && x < hole.left() + hole.width();
                        assertThat(img[i]).isEqualTo(inside ? fill[c] : before[i]);
                    }
                }
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new Cutout(0, new float[] {0, 0, 0})).hasMessageContaining("length 0");
        assertThatThrownBy(() -> new Cutout(5, new float[] {0, 1.5f, 0})).hasMessageContaining("1.5");
    }
}
