package io.cc4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class FlopCountTest {
    /** torchvision's published multiply-adds at 224x224 (GMACs, with its 1000-class fc: 0.5 M or 2 M). */
    @Test
    void torchvisionResNetsAt224HaveTheirPublishedCost() {
        assertThat(backboneMacs(BackboneType.RESNET18)).isCloseTo(1.814e9 - 0.512e6, Percentage.withPercentage(0.5));
        assertThat(backboneMacs(BackboneType.RESNET34)).isCloseTo(3.664e9 - 0.512e6, Percentage.withPercentage(0.5));
        assertThat(backboneMacs(BackboneType.RESNET50)).isCloseTo(4.089e9 - 2.048e6, Percentage.withPercentage(0.5));
    }

    private static double backboneMacs(BackboneType type) {
        ModelSpec spec = new ModelSpec(type, Stem.IMAGENET, 64, 128, 10, 224);
        long rep = spec.representationDim();
        long heads = rep * rep + rep * 128 + rep * rep + rep * 10;
        return FlopCount.forwardMultiplyAdds(spec) - heads;
    }

    @Test
    void halvingTheWidthQuartersTheCostAndATrainingStepIsThreeForwards() {
        ModelSpec full = new ModelSpec(BackboneType.RESNET18, Stem.CIFAR, 64, 128, 10, 32);
        ModelSpec half = new ModelSpec(BackboneType.RESNET18, Stem.CIFAR, 32, 128, 10, 32);
        assertThat((double) FlopCount.forwardMultiplyAdds(half) / FlopCount.forwardMultiplyAdds(full))
                .isCloseTo(0.25, Percentage.withPercentage(1));
        assertThat(FlopCount.trainingFlopsPerView(full)).isEqualTo(6 * FlopCount.forwardMultiplyAdds(full));
    }
}
