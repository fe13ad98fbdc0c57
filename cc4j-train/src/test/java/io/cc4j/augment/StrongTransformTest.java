package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.data.RawImage;
import io.cc4j.testing.TestImages;
import io.cc4j.transform.CropBox;
import io.cc4j.transform.ResampleFilter;
import io.cc4j.transform.ToTensor;
import io.cc4j.transform.Workspace;
import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrongTransformTest {
    private static final int SIZE = 24;
    private static final RawImage RGB = TestImages.randomImage(3, 30, 26, 11);

    private static float[] view(StrongAugmentConfig config, RawImage img, long seed) {
        float[] out = new float[3 * SIZE * SIZE];
        new StrongTransform(config).apply(ToTensor.apply(img), img.channels(), img.height(), img.width(), out, 0,
                new SplittableRandom(seed), new Workspace());
        return out;
    }

    private static float[] bicubicResize(RawImage img) {
        float[] out = new float[img.channels() * SIZE * SIZE];
        PilResize.resize(ToTensor.apply(img), 0, img.channels(), img.height(), img.width(),
                CropBox.whole(img.height(), img.width()), out, 0, SIZE, SIZE, ResampleFilter.BICUBIC, new Workspace());
        return out;
    }

    private static StrongAugmentConfig.Builder nothingOn() {
        return StrongAugmentConfig.builder().set(Augmentation.SIZE, SIZE).set(Augmentation.FLIP, false)
                .set(StrongAugmentation.OPS, EnumSet.noneOf(StrongOp.class)).set(StrongAugmentation.CUTOUT, false);
    }

    @Test
    void sameSeedGivesTheSameBitsAndOtherSeedsDiffer() {
        StrongAugmentConfig config = StrongAugmentConfig.builder().set(Augmentation.SIZE, SIZE).build();
        float[] a = view(config, RGB, 5);
        assertThat(view(config, RGB, 5)).isEqualTo(a);
        int differing = 0;
        for (long seed = 6; seed < 16; seed++) {
            differing += java.util.Arrays.equals(view(config, RGB, seed), a) ? 0 : 1;
        }
        assertThat(differing).isEqualTo(10);
    }

    @Test
    void withEverythingOffTheViewIsPilsBicubicResize() {
        assertThat(view(nothingOn().build(), RGB, 3)).isEqualTo(bicubicResize(RGB));
    }

    @Test
    void grayscaleSourcesGiveThreeEqualChannels() {
        RawImage gray = TestImages.randomImage(1, 28, 28, 4);
        int plane = SIZE * SIZE;
        for (long seed = 0; seed < 20; seed++) {
            float[] v = view(StrongAugmentConfig.preset("fashion-mnist", SIZE), gray, seed);
            for (int i = 0; i < plane; i++) {
                assertThat(v[plane + i]).isEqualTo(v[i]);
                assertThat(v[2 * plane + i]).isEqualTo(v[i]);
            }
        }
    }

    @Test
    void everyOperationAloneChangesTheImageAndOffLeavesItAlone() {
        float[] resized = bicubicResize(RGB);
        for (StrongOp op : StrongOp.values()) {
            StrongAugmentConfig only = nothingOn().optOp(op, true).build();
            boolean changed = false;
            for (long seed = 0; seed < 8 && !changed; seed++) {
                changed = !java.util.Arrays.equals(view(only, RGB, seed), resized);
            }
            // Identity never changes anything; every other op does for some draw.
            assertThat(changed).as(op.label()).isEqualTo(op != StrongOp.IDENTITY);
        }
    }

    @Test
    void flipAndCutoutEachHaveTheirOwnSwitch() {
        float[] resized = bicubicResize(RGB);
        float[] flipped = resized.clone();
        HorizontalFlip.flip(flipped, 0, 3, SIZE, SIZE);
        boolean sawFlip = false;
        boolean sawPlain = false;
        for (long seed = 0; seed < 20; seed++) {
            float[] v = view(nothingOn().set(Augmentation.FLIP, true).build(), RGB, seed);
            boolean isFlipped = java.util.Arrays.equals(v, flipped);
            assertThat(isFlipped || java.util.Arrays.equals(v, resized)).isTrue();
            sawFlip |= isFlipped;
            sawPlain |= !isFlipped;
        }
        assertThat(sawFlip && sawPlain).isTrue();

        StrongAugmentConfig.Fill fill = new StrongAugmentConfig.Fill(0.25, 0.5, 0.75);
        int plane = SIZE * SIZE;
        int holes = 0;
        for (long seed = 0; seed < 20; seed++) {
            float[] v = view(nothingOn().set(StrongAugmentation.CUTOUT, true).set(StrongAugmentation.CUTOUT_FILL, fill).build(), RGB, seed);
            int changed = 0;
            for (int i = 0; i < plane; i++) {
                if (v[i] != resized[i]) {
                    changed++;
                    assertThat(v[i]).isEqualTo(0.25f);
                    assertThat(v[plane + i]).isEqualTo(0.5f);
                    assertThat(v[2 * plane + i]).isEqualTo(0.75f);
                }
            }
            holes += changed > 0 ? 1 : 0;
            // At 24 pixels the largest side is round(75 * 24 / 224) = 8: at most 8 x 8 pixels.
            assertThat(changed).isLessThanOrEqualTo(64);
        }
        assertThat(holes).isGreaterThan(10);
    }

    @Test
    void valuesStayInTheUnitInterval() {
        StrongAugmentConfig config = StrongAugmentConfig.builder().set(Augmentation.SIZE, SIZE).set(StrongAugmentation.OPS_PER_IMAGE, 8).build();
        for (long seed = 0; seed < 30; seed++) {
            for (float f : view(config, RGB, seed)) {
                assertThat(f).isBetween(0f, 1f);
            }
        }
    }
}
