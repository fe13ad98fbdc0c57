package io.cc4j.loss;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.cc4j.engine.EngineSupport;
import io.cc4j.engine.FreedJavaMemory;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.Stem;
import io.cc4j.train.AdamOptimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Regression for issue 8's rare NaN and split runs: every array a loss leaves in the autograd graph must outlive a
 * garbage collection between the forward and the backward pass. Each case computes its gradients twice, once
 * straight through and once with a collection (and reuse of the freed memory) forced in that window; the bits
 * must agree. Before the fix the losses divided by their temperature through DJL's {@code div(float)}, whose 0-d
 * divisor borrowed Java memory that the collection freed.
 */
class GradientsSurviveACollectionTest {
    private static final int[] PSEUDO = {0, -1, 2, 0, 1, -1, 2, 2};
    private final Engine engine = EngineSupport.engine();

    @Test
    void instanceLoss() {
        try (InstanceContrastiveLoss loss = new InstanceContrastiveLoss(0.5f)) {
            assertSameGradients(2, new Shape(8, 16), in -> loss.compute(in.get(0), in.get(1)));
        }
    }

    @Test
    void clusterLoss() {
        try (ClusterContrastiveLoss loss = new ClusterContrastiveLoss(1.0f)) {
            assertSameGradients(2, new Shape(8, 4),
                    in -> loss.compute(in.get(0).softmax(1), in.get(1).softmax(1)));
        }
    }

    @Test
    void pseudoLabelLosses() {
        PseudoLabelInstanceLoss instance = new PseudoLabelInstanceLoss(0.5f);
        assertSameGradients(2, new Shape(8, 16), in -> instance.compute(in.get(0), in.get(1), PSEUDO));
        PseudoLabelCrossEntropy cross = new PseudoLabelCrossEntropy();
        assertSameGradients(1, new Shape(8, 3), in -> cross.compute(in.get(0), PSEUDO));
    }

    @Test
    void aWholeTrainingGraph() {
        try (ContrastiveModel model = ContrastiveModel.builder().optBackbone(BackboneType.RESNET18)
                        .optStem(Stem.CIFAR).optWidth(4).setClusters(3).optSeed(5).build();
                InstanceContrastiveLoss instance = new InstanceContrastiveLoss(0.5f);
                ClusterContrastiveLoss cluster = new ClusterContrastiveLoss(1.0f)) {
            float[] first = modelGradients(model, instance, cluster, false);
            float[] second = modelGradients(model, instance, cluster, true);
            assertFinite(first);
            assertThat(second).containsExactly(first);
        }
    }

    private float[] modelGradients(ContrastiveModel model, InstanceContrastiveLoss instance,
            ClusterContrastiveLoss cluster, boolean collect) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray views = scope.create(values(4 * 3 * 16 * 16, 9), new Shape(4, 3, 16, 16));
            // libtorch accumulates gradients over backward passes
            AdamOptimizer.builder().build().zeroGradients(model.trainableParameters());
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDList out = model.forwardViews(views, true);
                NDArray loss = instance.compute(out.get(0), out.get(1)).add(cluster.compute(out.get(2), out.get(3)));
                backward(gc, loss, collect);
            }
            List<NDArray> parameters = new ArrayList<>();
            model.trainableParameters().forEach(p -> parameters.add(p.getArray()));
            return joinedGradients(parameters);
        }
    }

    private void assertSameGradients(int inputs, Shape shape, Function<NDList, NDArray> loss) {
        float[] straight = gradients(inputs, shape, loss, false);
        float[] collected = gradients(inputs, shape, loss, true);
        assertFinite(straight);
        assertThat(collected).containsExactly(straight);
    }

    private float[] gradients(int inputs, Shape shape, Function<NDList, NDArray> loss, boolean collect) {
        try (NDManager m = engine.newBaseManager()) {
            NDList in = new NDList();
            for (int i = 0; i < inputs; i++) {
                NDArray x = m.create(values((int) shape.size(), 17 + i), shape);
                x.setRequiresGradient(true);
                in.add(x);
            }
            try (GradientCollector gc = engine.newGradientCollector()) {
                backward(gc, loss.apply(in), collect);
            }
            return joinedGradients(in);
        }
    }

    /** The gradients of {@code arrays}, flattened and joined in their order. */
    private static float[] joinedGradients(List<NDArray> arrays) {
        try (NDList flat = new NDList()) {
            arrays.forEach(a -> flat.add(a.getGradient().flatten()));
            try (NDArray all = NDArrays.concat(flat)) {
                return all.toFloatArray();
            }
        }
    }

    private static void backward(GradientCollector gc, NDArray loss, boolean collect) {
        if (collect) {
            try (FreedJavaMemory poison = FreedJavaMemory.collectAndPoison()) {
                gc.backward(loss);
            }
        } else {
            gc.backward(loss);
        }
    }

    private static void assertFinite(float[] values) {
        for (float v : values) {
            assertThat(v).isFinite();
        }
    }

    private static float[] values(int n, long seed) {
        Random random = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
