package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.transform.CropBox;
import io.cc4j.transform.Workspace;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RandomResizedCropTest {
    @ParameterizedTest
    @CsvSource({"32,32", "96,96", "375,500", "28,28", "64,200"})
    void sampledCropsStayWithinAreaAndAspectBoundsUpToRounding(int h, int w) {
        SplittableRandom rng = new SplittableRandom(7);
        double area = (double) h * w;
        double minAspect = Double.MAX_VALUE;
        double maxAspect = 0;
        for (int k = 0; k < 20_000; k++) {
            CropBox b = RandomResizedCrop.sample(h, w, rng);
            assertThat(b.top()).isBetween(0, h - b.height());
            assertThat(b.left()).isBetween(0, w - b.width());
            assertThat(b.height()).isBetween(1, h);
            assertThat(b.width()).isBetween(1, w);
            if (b.equals(RandomResizedCrop.centreFallback(h, w))) {
                continue;
            }
            // Width and height are rounded reals; the reals satisfy the bounds exactly.
            assertThat((b.width() + 0.5) * (b.height() + 0.5)).isGreaterThanOrEqualTo(0.08 * area);
            assertThat((b.width() - 0.5) * (b.height() - 0.5)).isLessThanOrEqualTo(area);
            assertThat((b.width() + 0.5) / (b.height() - 0.5)).isGreaterThanOrEqualTo(3.0 / 4.0);
            assertThat((b.width() - 0.5) / (b.height() + 0.5)).isLessThanOrEqualTo(4.0 / 3.0);
            double aspect = (double) b.width() / b.height();
            minAspect = Math.min(minAspect, aspect);
            maxAspect = Math.max(maxAspect, aspect);
        }
        // The ratio range is actually explored, not just the centre.
        assertThat(minAspect).isLessThan(0.85);
        assertThat(maxAspect).isGreaterThan(1.2);
    }

    @Test
    void smallCropsOccurAndAreaFractionCoversTheScaleRange() {
        SplittableRandom rng = new SplittableRandom(11);
        double min = 1;
        double max = 0;
        for (int k = 0; k < 20_000; k++) {
            CropBox b = RandomResizedCrop.sample(1000, 1000, rng);
            double f = b.area() / 1e6;
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        assertThat(min).isBetween(0.079, 0.09);
        assertThat(max).isGreaterThan(0.95);
    }

    @Test
    void impossibleShapesFallBackToTheRatioClampedCentreCrop() {
        // 10 rows x 1000 columns: every attempt needs more than 10 rows, so torchvision falls back to
        // height 10, width round(10 * 4/3) = 13, centred.
        CropBox b = RandomResizedCrop.sample(10, 1000, new SplittableRandom(1));
        assertThat(b).isEqualTo(new CropBox(0, (1000 - 13) / 2, 10, 13));
        CropBox tall = RandomResizedCrop.centreFallback(1000, 10);
        assertThat(tall).isEqualTo(new CropBox((1000 - 13) / 2, 0, 13, 10));
        assertThat(RandomResizedCrop.centreFallback(30, 32)).isEqualTo(CropBox.whole(30, 32));
    }

    @Test
    void applyResizesTheCropToTheOutputSize() {
        float[] src = new float[3 * 20 * 30];
        java.util.Arrays.fill(src, 0.25f);
        float[] dst = new float[3 * 16 * 16];
        CropBox b = new RandomResizedCrop(16).apply(src, 3, 20, 30, dst, 0, new SplittableRandom(3),
                new Workspace());
        assertThat(b.area()).isPositive();
        for (float v : dst) {
            assertThat(v).isCloseTo(0.25f, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }
}
