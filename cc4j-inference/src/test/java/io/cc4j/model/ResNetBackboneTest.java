package io.cc4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.cc4j.engine.EngineSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResNetBackboneTest {

    /** torchvision resnet18/34/50 parameter counts minus the fc layer (512*1000+1000, 2048*1000+1000). */
    @ParameterizedTest
    @CsvSource({"RESNET18, 11176512", "RESNET34, 21284672", "RESNET50, 23508032"})
    void parameterCountEqualsTorchvisionWithoutFc(BackboneType type, long expected) {
        Engine engine = EngineSupport.engine();
        try (NDManager manager = engine.newBaseManager()) {
            ResNetBackbone backbone = new ResNetBackbone(type, Stem.IMAGENET);
            backbone.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            long trainable = 0;
            for (Parameter p : backbone.getParameters().values()) {
                if (p.requiresGradient()) {
                    trainable += p.getArray().size();
                }
            }
            assertThat(trainable).isEqualTo(expected);
            assertThat(backbone.getOutputShapes(new Shape[] {new Shape(2, 3, 224, 224)})[0])
                    .isEqualTo(new Shape(2, type.representationDim()));
        }
    }

    @ParameterizedTest
    @CsvSource({"RESNET18", "RESNET50"})
    void convolutionsAreKaimingNormalFanOut(BackboneType type) {
        Engine engine = EngineSupport.engine();
        engine.setRandomSeed(7);
        try (NDManager manager = engine.newBaseManager()) {
            ResNetBackbone backbone = new ResNetBackbone(type, Stem.CIFAR);
            backbone.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            // layer4's first 3x3 conv has 512 filters: fan_out = 512 * 9, std = sqrt(2 / 4608).
            Parameter conv = backbone.getParameters().stream()
                    .filter(p -> p.getKey().startsWith("05layer4_01ResidualUnit_01residual_0")
                            && p.getValue().getShape().dimension() == 4
                            && p.getValue().getShape().get(2) == 3)
                    .findFirst().orElseThrow().getValue();
            Shape s = conv.getShape();
            double fanOut = s.get(0) * s.get(2) * s.get(3);
            double std = Math.sqrt(conv.getArray().pow(2).mean().getFloat());
            assertThat(std).isCloseTo(Math.sqrt(2.0 / fanOut), org.assertj.core.data.Percentage.withPercentage(3));
        }
    }
}
