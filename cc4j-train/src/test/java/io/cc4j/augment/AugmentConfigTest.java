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
            assertThat(c.strength()).as(d).isEqualTo(0.5);
            assertThat(c.blur()).as(d).isFalse();
        }
        for (String d : new String[] {"imagenet10", "imagenet-dogs"}) {
            AugmentConfig c = AugmentConfig.preset(d, 224);
            assertThat(c.strength()).as(d).isEqualTo(1.0);
            assertThat(c.blur()).as(d).isTrue();
        }
        AugmentConfig stl = AugmentConfig.preset("stl10", 96);
        assertThat(stl.strength()).isEqualTo(1.0);
        assertThat(stl.blur()).isFalse();
        assertThat(stl.size()).isEqualTo(96);
        assertThat(stl.crop() && stl.flip() && stl.jitter() && stl.grayscale()).isTrue();
    }

    @Test
    void unknownPresetIsNamed() {
        assertThatThrownBy(() -> AugmentConfig.preset("mnist-ish", 32))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnist-ish");
    }

    @Test
    void invalidValuesAreRejectedByName() {
        assertThatThrownBy(() -> AugmentConfig.builder().setSize(0).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("size 0");
        assertThatThrownBy(() -> AugmentConfig.builder().optStrength(-0.1).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("-0.1");
        assertThatThrownBy(() -> AugmentConfig.builder().optStrength(Double.NaN).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> AugmentConfig.builder().optStrength(3).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("strength 3.0");
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        AugmentConfig c = AugmentConfig.preset("imagenet10", 224).toBuilder().optFlip(false).optCrop(false).build();
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
                .hasRootCauseInstanceOf(InvalidInputException.class).hasStackTraceContaining("size -3");
    }
}
