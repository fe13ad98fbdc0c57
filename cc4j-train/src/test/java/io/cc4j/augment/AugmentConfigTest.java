package io.cc4j.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import org.junit.jupiter.api.Test;

class AugmentConfigTest {
    @Test
    void presetsFollowThePaper() {
        for (String d : new String[] {"cifar10", "CIFAR-100", "tiny-imagenet", "fashion_mnist"}) {
            AugmentConfig c = AugmentConfig.preset(d, 32);
            assertThat(c.get(Augmentation.STRENGTH)).as(d).isEqualTo(0.5);
            assertThat(c.get(Augmentation.BLUR)).as(d).isFalse();
        }
        for (String d : new String[] {"imagenet10", "imagenet-dogs"}) {
            AugmentConfig c = AugmentConfig.preset(d, 224);
            assertThat(c.get(Augmentation.STRENGTH)).as(d).isEqualTo(1.0);
            assertThat(c.get(Augmentation.BLUR)).as(d).isTrue();
        }
        AugmentConfig stl = AugmentConfig.preset("stl10", 96);
        assertThat(stl.get(Augmentation.STRENGTH)).isEqualTo(1.0);
        assertThat(stl.get(Augmentation.BLUR)).isFalse();
        assertThat(stl.size()).isEqualTo(96);
        assertThat(stl.get(Augmentation.CROP) && stl.get(Augmentation.FLIP) && stl.get(Augmentation.JITTER) && stl.get(Augmentation.GRAYSCALE)).isTrue();
    }

    @Test
    void unknownPresetIsNamed() {
        assertThatThrownBy(() -> AugmentConfig.preset("mnist-ish", 32))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnist-ish");
    }

    @Test
    void invalidValuesAreRejectedByName() {
        assertThatThrownBy(() -> AugmentConfig.builder().set(Augmentation.SIZE, 0).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("size must be in 1..4096, got 0");
        assertThatThrownBy(() -> AugmentConfig.builder().set(Augmentation.STRENGTH, -0.1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("strength must be in [0, 2.5], got -0.1");
        assertThatThrownBy(() -> AugmentConfig.builder().set(Augmentation.STRENGTH, Double.NaN).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> AugmentConfig.builder().set(Augmentation.STRENGTH, 3.0).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("strength must be in [0, 2.5], got 3.0");
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        AugmentConfig c = AugmentConfig.preset("imagenet10", 224).toBuilder().set(Augmentation.FLIP, false).set(Augmentation.CROP, false).build();
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(c);
        assertThat(text).contains("\"strength\":1.0").contains("\"flip\":false");
        assertThat(json.readValue(text, AugmentConfig.class)).isEqualTo(c);
    }

    @Test
    void jsonWithAnInvalidValueFailsValidation() {
        String text = "{\"size\":-3,\"strength\":0.5,\"crop\":true,\"flip\":true,\"jitter\":true,"
                + "\"grayscale\":true,\"blur\":false}";
        assertThatThrownBy(() -> new ObjectMapper().readValue(text, AugmentConfig.class))
                .hasRootCauseInstanceOf(InvalidInputException.class).hasStackTraceContaining("size must be in 1..4096, got -3");
    }
}
