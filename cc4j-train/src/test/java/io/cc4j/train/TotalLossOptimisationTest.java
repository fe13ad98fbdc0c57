package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.cc4j.engine.EngineSupport;
import io.cc4j.loss.ClusterContrastiveLoss;
import io.cc4j.loss.InstanceContrastiveLoss;
import io.cc4j.loss.LossValues;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.Stem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of a training step together: network, both losses, backward, Adam. */
class TotalLossOptimisationTest {
    @Test
    void aFewAdamStepsOnOneFixedBatchLowerTheTotalLoss() {
        Engine engine = EngineSupport.engine();
        List<LossValues> history = new ArrayList<>();
        try (ContrastiveModel model = ContrastiveModel.builder().optBackbone(BackboneType.RESNET18)
                        .optStem(Stem.CIFAR).setClusters(3).optSeed(7).build();
                NDManager manager = engine.newBaseManager();
                InstanceContrastiveLoss instanceLoss = new InstanceContrastiveLoss();
                ClusterContrastiveLoss clusterLoss = new ClusterContrastiveLoss();
                AdamOptimizer adam = AdamOptimizer.builder().optLearningRate(1e-3).build()) {
            engine.setRandomSeed(3);
            // two "views" of 8 images: the same images with different small perturbations; 8x8 pixels
            // keeps this ResNet-18 test at a few seconds on a shared 2-core machine
            NDArray images = manager.randomUniform(0f, 1f, new Shape(8, 3, 8, 8));
            NDArray viewA = images.add(manager.randomNormal(0f, 0.05f, images.getShape(), images.getDataType()));
            NDArray viewB = images.add(manager.randomNormal(0f, 0.05f, images.getShape(), images.getDataType()));
            for (int step = 0; step < 3; step++) {
                try (NDManager scope = manager.newSubManager()) {
                    NDArray xa = viewA.duplicate();
                    NDArray xb = viewB.duplicate();
                    xa.attach(scope);
                    xb.attach(scope);
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDList out = model.forwardPair(xa, xb, true);
                        NDArray instance = instanceLoss.compute(out.get(0), out.get(1));
                        NDArray cluster = clusterLoss.compute(out.get(2), out.get(3));
                        history.add(new LossValues(instance.getFloat(), cluster.getFloat()));
                        collector.backward(instance.add(cluster));
                    }
                    adam.step(model.trainableParameters());
                }
            }
        }
        org.slf4j.LoggerFactory.getLogger(getClass()).info("losses per step: {}", history);
        assertThat(history).allMatch(LossValues::isFinite);
        LossValues first = history.get(0);
        LossValues last = history.get(history.size() - 1);
        assertThat(last.total()).as("total loss per step: %s", history).isLessThan(first.total());
        assertThat(last.instance()).as("instance loss per step: %s", history).isLessThan(first.instance());
    }
}
