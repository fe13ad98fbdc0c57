package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.transform.CropBox;
import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoostAugmentConfigTest {
    @Test
    void presetsFollowTcl() {
        for (String d : new String[] {"cifar10", "cifar100", "imagenet10", "stl10", "fashion-mnist"}) {
            BoostAugmentConfig c = BoostAugmentConfig.preset(d, 32);
            assertThat(c.weak().get(Augmentation.STRENGTH)).as(d).isEqualTo(0.5);
            assertThat(c.weak().get(Augmentation.BLUR)).as(d).isEqualTo(AugmentConfig.preset(d, 32).get(Augmentation.BLUR));
            assertThat(c.strong().get(StrongAugmentation.OPS)).as(d).isEqualTo(EnumSet.allOf(StrongOp.class));
            assertThat(c.strong().get(StrongAugmentation.OPS_PER_IMAGE)).isEqualTo(4);
            assertThat(c.strong().get(StrongAugmentation.CUTOUT) && c.strong().get(Augmentation.FLIP)).isTrue();
            assertThat(c.strong().get(StrongAugmentation.CUTOUT_LENGTH)).isEqualTo(75);
            assertThat(c.strong().cutoutMaxLength()).isEqualTo(11);
        }
        assertThat(StrongAugmentConfig.preset("cifar10", 32).get(StrongAugmentation.CUTOUT_FILL))
                .isEqualTo(new StrongAugmentConfig.Fill(0.4914, 0.4822, 0.4465));
        assertThat(StrongAugmentConfig.preset("CIFAR-100", 32).get(StrongAugmentation.CUTOUT_FILL))
                .isEqualTo(new StrongAugmentConfig.Fill(0.5071, 0.4867, 0.4408));
        assertThat(StrongAugmentConfig.preset("imagenet10", 224).get(StrongAugmentation.CUTOUT_FILL))
                .isEqualTo(new StrongAugmentConfig.Fill(0.485, 0.456, 0.406));
        assertThat(StrongAugmentConfig.preset("fashion_mnist", 28).get(StrongAugmentation.CUTOUT_FILL).red()).isEqualTo(0.2860);
        assertThat(StrongAugmentConfig.preset("imagenet10", 224).cutoutMaxLength()).isEqualTo(75);
    }

    @Test
    void theWeakJitterIsTclsPointFourPointFourPointTwoPointOne() {
        ColorJitter jitter = BoostAugmentConfig.preset("cifar10", 32).weakJitter();
        SplittableRandom rng = new SplittableRandom(1);
        double[] lo = {9, 9, 9, 9};
        double[] hi = {-9, -9, -9, -9};
        for (int k = 0; k < 5000; k++) {
            ColorJitter.Params p = jitter.sample(rng);
            double[] v = {p.brightness(), p.contrast(), p.saturation(), p.hue()};
            for (int i = 0; i < 4; i++) {
                lo[i] = Math.min(lo[i], v[i]);
                hi[i] = Math.max(hi[i], v[i]);
            }
        }
        double[] strength = {0.4, 0.4, 0.2, 0.1};
        for (int i = 0; i < 4; i++) {
            double centre = i == 3 ? 0 : 1;
            assertThat(lo[i]).as("lower end %d", i).isBetween(centre - strength[i], centre - strength[i] + 0.01);
            assertThat(hi[i]).as("upper end %d", i).isBetween(centre + strength[i] - 0.01, centre + strength[i]);
        }
    }

    @Test
    void invalidValuesAreRejectedByName() {
        assertThatThrownBy(() -> StrongAugmentConfig.builder().set(StrongAugmentation.OPS_PER_IMAGE, -1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("opsPerImage must be in 0..16, got -1");
        assertThatThrownBy(() -> StrongAugmentConfig.builder().set(StrongAugmentation.CUTOUT_LENGTH, 0).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cutoutLength must be in 1..224, got 0");
        assertThatThrownBy(() -> new StrongAugmentConfig.Fill(0.5, -0.1, 0.5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> StrongAugmentConfig.preset("mnist-ish", 32))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnist-ish");
        assertThatThrownBy(() -> new BoostAugmentConfig(AugmentConfig.builder().set(Augmentation.SIZE, 32).build(),
                StrongAugmentConfig.builder().set(Augmentation.SIZE, 28).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("32").hasMessageContaining("28");
        assertThatThrownBy(() -> StrongOp.parse("warp"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("warp").hasMessageContaining("shear-x");
        assertThat(StrongOp.parse("Shear_X")).isEqualTo(StrongOp.SHEAR_X);
        assertThat(StrongOp.parse("autocontrast")).isEqualTo(StrongOp.AUTO_CONTRAST);
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        BoostAugmentConfig c = new BoostAugmentConfig(AugmentConfig.preset("imagenet10", 64),
                StrongAugmentConfig.preset("imagenet10", 64).toBuilder().optOp(StrongOp.ROTATE, false)
                        .set(StrongAugmentation.CUTOUT, false).build());
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(c);
        assertThat(text).contains("\"cutout\":false").doesNotContain("ROTATE").contains("SHEAR_Y");
        assertThat(json.readValue(text, BoostAugmentConfig.class)).isEqualTo(c);
    }

    @Test
    void theWeakCropCoversAtLeastAFifthOfTheImage() {
        SplittableRandom rng = new SplittableRandom(3);
        double smallest = 1;
        for (int k = 0; k < 3000; k++) {
            CropBox box = RandomResizedCrop.sample(96, 96, BoostAugmentConfig.WEAK_MIN_SCALE, rng);
            smallest = Math.min(smallest, box.area() / (96.0 * 96.0));
        }
        // Rounding the sides can shave a little off the drawn area, never much.
        assertThat(smallest).isBetween(0.19, 0.21);
        assertThatThrownBy(() -> RandomResizedCrop.sample(9, 9, 0, rng)).hasMessageContaining("scale 0");
    }
}
