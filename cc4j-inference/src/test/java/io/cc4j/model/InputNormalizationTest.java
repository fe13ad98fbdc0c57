package io.cc4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.model.store.BatchNormCounters;
import io.cc4j.model.store.NpzExport;
import io.cc4j.model.store.NpzImport;
import io.cc4j.testing.UsedModels;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InputNormalizationTest {
    private static final ModelSpec SPEC = new ModelSpec(BackboneType.RESNET18, Stem.CIFAR, 4, 16, 3, 12);

    @Test
    void textFormsReadBackToTheSameValue() {
        assertThat(InputNormalization.parse("none")).isSameAs(InputNormalization.NONE);
        assertThat(InputNormalization.parse(" ImageNet ")).isSameAs(InputNormalization.IMAGENET);
        assertThat(InputNormalization.parse("mean=0.485,0.456,0.406,std=0.229,0.224,0.225"))
                .isSameAs(InputNormalization.IMAGENET);
        InputNormalization custom = InputNormalization.parse("mean=0.5,std=0.25");
        assertThat(custom.id()).isEqualTo("mean=0.5,0.5,0.5,std=0.25,0.25,0.25");
        assertThat(InputNormalization.parse(custom.id())).isEqualTo(custom);
        assertThat(custom.mean()).containsExactly(0.5, 0.5, 0.5);
        assertThat(InputNormalization.IMAGENET.torchvision())
                .isEqualTo("transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225])");
        assertThat(InputNormalization.NONE.torchvision()).isNull();
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> InputNormalization.parse("cifar")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown input normalisation 'cifar'");
        assertThatThrownBy(() -> InputNormalization.parse("mean=0.5,0.5,std=1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mean needs 1 or 3 values, got 2");
        assertThatThrownBy(() -> InputNormalization.parse("mean=0.5,std=0")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("std must be finite and above 0");
        assertThatThrownBy(() -> InputNormalization.parse("mean=x,std=1")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a number");
    }

    @Test
    void aModelSpecWithoutNormalisationReadsAsNone() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ModelSpec old = json.readValue("{\"backbone\":\"resnet18\",\"stem\":\"cifar\",\"width\":4,\"feature_dim\":16,"
                + "\"clusters\":3,\"image_size\":12}", ModelSpec.class);
        assertThat(old).isEqualTo(SPEC);
        assertThat(old.normalization()).isSameAs(InputNormalization.NONE);
        ModelSpec imagenet = SPEC.withNormalization(InputNormalization.IMAGENET);
        String written = json.writeValueAsString(imagenet);
        assertThat(written).contains("\"normalization\":\"imagenet\"");
        assertThat(json.readValue(written, ModelSpec.class)).isEqualTo(imagenet);
        assertThat(imagenet.describe()).endsWith(", imagenet input normalisation");
        assertThat(SPEC.describe()).doesNotContain("normalisation");
    }

    @Test
    void noneIsTheInputItselfSoResultsStayBitForBitTheSame() {
        try (NDManager m = NDManager.newBaseManager(); NDArray x = m.randomUniform(0f, 1f, new Shape(1, 3, 4, 4))) {
            assertThat(InputNormalization.NONE.apply(x)).isSameAs(x);
        }
    }

    @Test
    void theNetworkNormalisesAsTorchvisionDoesBeforeItsBackbone() {
        float[] x = new float[2 * 3 * 12 * 12];
        Random random = new Random(5);
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        // torchvision's Normalize on float32: (x - float(mean)) / float(std), channel by channel
        double[] mean = InputNormalization.IMAGENET.mean();
        double[] std = InputNormalization.IMAGENET.std();
        float[] normalised = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = (i / (12 * 12)) % 3;
            normalised[i] = (x[i] - (float) mean[c]) / (float) std[c];
        }
        ModelSpec imagenet = SPEC.withNormalization(InputNormalization.IMAGENET);
        try (ContrastiveModel plain = UsedModels.of(SPEC, 3); ContrastiveModel withNorm = imagenet.buildForLoading();
                NDManager scope = plain.manager().newSubManager()) {
            NpzImport.load(NpzExport.arrays(plain, BatchNormCounters.none()), withNorm, "same weights");
            assertThat(withNorm.network().normalization()).isSameAs(InputNormalization.IMAGENET);
            assertThat(ModelSpec.of(withNorm, 12)).isEqualTo(imagenet);
            NDList expected = plain.inferAll(scope.create(normalised, new Shape(2, 3, 12, 12)));
            NDList actual = withNorm.inferAll(scope.create(x, new Shape(2, 3, 12, 12)));
            for (int k = 0; k < 3; k++) {
                assertThat(actual.get(k).toFloatArray()).as("output %d", k)
                        .containsExactly(expected.get(k).toFloatArray());
            }
            NDList unnormalised = plain.inferAll(scope.create(x, new Shape(2, 3, 12, 12)));
            assertThat(unnormalised.get(0).toFloatArray()).isNotEqualTo(actual.get(0).toFloatArray());
        }
    }
}
