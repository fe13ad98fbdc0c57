package io.cc4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.cc4j.InvalidInputException;
import io.cc4j.engine.EngineSupport;
import io.cc4j.model.store.ParameterFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ContrastiveModelTest {
    private static final int K = 5;
    private static ContrastiveModel model;
    private static NDManager manager;

    @BeforeAll
    static void setUp() {
        model = ContrastiveModel.builder().optBackbone(BackboneType.RESNET18).optStem(Stem.CIFAR)
                .setClusters(K).optSeed(1).build();
        manager = EngineSupport.engine().newBaseManager();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
        model.close();
    }

    private static NDArray images(int n, int size, int seed) {
        Engine.getEngine("PyTorch").setRandomSeed(seed);
        return manager.randomUniform(0f, 1f, new Shape(n, 3, size, size));
    }

    @Test
    void pairForwardGivesUnitFeaturesAndProbabilityRows() {
        try (NDManager step = manager.newSubManager()) {
            NDArray xa = images(3, 32, 11);
            NDArray xb = images(3, 32, 12);
            xa.attach(step);
            xb.attach(step);
            NDList out = model.forwardPair(xa, xb, true);
            assertThat(out).hasSize(4);
            for (int i = 0; i < 2; i++) {
                assertThat(out.get(i).getShape()).isEqualTo(new Shape(3, 128));
                for (float norm : out.get(i).norm(new int[] {1}).toFloatArray()) {
                    assertThat(norm).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            for (int i = 2; i < 4; i++) {
                assertThat(out.get(i).getShape()).isEqualTo(new Shape(3, K));
                assertThat(out.get(i).min().getFloat()).isGreaterThanOrEqualTo(0f);
                for (float sum : out.get(i).sum(new int[] {1}).toFloatArray()) {
                    assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            // The two views are different images, so their features differ.
            assertThat(out.get(0).sub(out.get(1)).abs().max().getFloat()).isGreaterThan(0f);
        }
    }

    @Test
    void jointAndSeparateForwardAgreeInInferenceMode() {
        try (ContrastiveModel separate = ContrastiveModel.builder().optBackbone(BackboneType.RESNET18)
                        .optStem(Stem.CIFAR).setClusters(K).optSeed(1).optSeparateViews(true).build();
                ContrastiveModel joint = ContrastiveModel.builder().optBackbone(BackboneType.RESNET18)
                        .optStem(Stem.CIFAR).setClusters(K).optSeed(1).optSeparateViews(false).build();
                NDManager step = manager.newSubManager()) {
            NDArray xa = images(2, 32, 21);
            NDArray xb = images(2, 32, 22);
            xa.attach(step);
            xb.attach(step);
            NDList a = joint.forwardPair(xa, xb, false);
            NDList b = separate.forwardPair(xa, xb, false);
            for (int i = 0; i < 4; i++) {
                assertThat(a.get(i).allClose(b.get(i), 1e-4, 1e-5, false)).isTrue();
            }
        }
    }

    @Test
    void stackedViewsGiveTheSameOutputsAsAPair() {
        try (NDManager step = manager.newSubManager()) {
            NDArray xa = images(2, 32, 71);
            NDArray xb = images(2, 32, 72);
            xa.attach(step);
            xb.attach(step);
            NDList pair = model.forwardPair(xa, xb, false);
            NDList stacked = model.forwardViews(xa.concat(xb, 0), false);
            for (int i = 0; i < 4; i++) {
                assertThat(stacked.get(i).toFloatArray()).isEqualTo(pair.get(i).toFloatArray());
            }
            assertThatThrownBy(() -> model.forwardViews(images(3, 32, 73), false))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("3");
        }
    }

    @Test
    void featureShapesForBothStems() {
        try (ContrastiveModel imagenet = ContrastiveModel.builder().optBackbone(BackboneType.RESNET18)
                        .optStem(Stem.IMAGENET).setClusters(K).optFeatureDim(16).build();
                NDManager step = manager.newSubManager()) {
            NDArray x = images(2, 32, 31);
            x.attach(step);
            NDList viaImagenet = imagenet.features(x);
            assertThat(viaImagenet.get(0).getShape()).isEqualTo(new Shape(2, 512));
            assertThat(viaImagenet.get(1).getShape()).isEqualTo(new Shape(2, 16));
            NDList viaCifar = model.features(x);
            assertThat(viaCifar.get(0).getShape()).isEqualTo(new Shape(2, 512));
            assertThat(viaCifar.get(1).getShape()).isEqualTo(new Shape(2, 128));
            assertThat(model.probabilities(x).getShape()).isEqualTo(new Shape(2, K));
        }
    }

    @Test
    void inferenceRecordsNoAutogradEvenOnAFreshThread() throws Exception {
        // libtorch's grad mode is per thread and on by default in threads DJL did not start on.
        boolean[] requiresGrad = new boolean[2];
        Thread worker = new Thread(() -> {
            try (NDManager step = manager.newSubManager()) {
                NDArray x = step.ones(new Shape(2, 3, 32, 32));
                NDList out = model.features(x);
                requiresGrad[0] = ai.djl.pytorch.jni.JniUtils.requiresGrad((ai.djl.pytorch.engine.PtNDArray) out.get(1));
                requiresGrad[1] = ai.djl.pytorch.jni.JniUtils.requiresGrad(
                        (ai.djl.pytorch.engine.PtNDArray) model.probabilities(x));
            }
        });
        worker.start();
        worker.join();
        assertThat(requiresGrad).containsExactly(false, false);
    }

    @Test
    void assignReturnsArgmaxAndMaxProbability() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = images(4, 32, 51);
            x.attach(step);
            float[] y = model.probabilities(x).toFloatArray();
            ClusterArgmax assignment = model.assign(x);
            assertThat(assignment.size()).isEqualTo(4);
            for (int i = 0; i < 4; i++) {
                int best = 0;
                for (int k = 1; k < K; k++) {
                    if (y[i * K + k] > y[i * K + best]) {
                        best = k;
                    }
                }
                assertThat(assignment.clusters()[i]).isEqualTo(best);
                assertThat(assignment.confidence()[i]).isEqualTo(y[i * K + best]);
            }
        }
    }

    @Test
    void saveLoadRoundTripGivesIdenticalOutputs() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // One training forward moves the BN running statistics away from their initial values.
        try (NDManager step = manager.newSubManager()) {
            NDArray xa = images(2, 32, 61);
            xa.attach(step);
            model.forwardPair(xa, xa, true);
        }
        ParameterFile.write(new DataOutputStream(bytes), model);
        try (ContrastiveModel other = ContrastiveModel.builder().optBackbone(BackboneType.RESNET18)
                        .optStem(Stem.CIFAR).setClusters(K).optSeed(99).build();
                NDManager step = manager.newSubManager()) {
            NDArray x = images(2, 32, 62);
            x.attach(step);
            assertThat(other.probabilities(x).toFloatArray()).isNotEqualTo(model.probabilities(x).toFloatArray());
            ParameterFile.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), other);
            assertThat(other.features(x).get(1).toFloatArray()).isEqualTo(model.features(x).get(1).toFloatArray());
            assertThat(other.probabilities(x).toFloatArray()).isEqualTo(model.probabilities(x).toFloatArray());
            for (String name : model.namedParameters().keySet()) {
                Parameter mine = model.namedParameters().get(name);
                Parameter theirs = other.namedParameters().get(name);
                assertThat(theirs.getArray().toFloatArray()).as(name).isEqualTo(mine.getArray().toFloatArray());
            }
            // Loaded parameters stay trainable.
            assertThat(other.trainableParameters().get(0).getArray().hasGradient()).isTrue();
        }
    }

    @Test
    void loadRejectsAnotherArchitectureNamingTheParameter() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ContrastiveModel narrow = ContrastiveModel.builder().optBackbone(BackboneType.RESNET18)
                .optStem(Stem.CIFAR).setClusters(K).optFeatureDim(64).build()) {
            ParameterFile.write(new DataOutputStream(bytes), narrow);
        }
        assertThatThrownBy(() -> ParameterFile.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), model))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("instanceHead")
                .hasMessageContaining("shape");
    }

    @Test
    void trainableParametersHaveStableNamesAndExcludeRunningStatistics() {
        assertThat(model.trainableParameters()).allMatch(Parameter::requiresGradient);
        assertThat(model.namedParameters().keySet()).anyMatch(n -> n.endsWith("runningMean"));
        assertThat(model.trainableParameters()).noneMatch(p -> p.getName().startsWith("running"));
        assertThat(model.namedParameters().keySet().iterator().next()).startsWith("01backbone_01stem");
    }

    @Test
    void fewerThanTwoClustersRejected() {
        assertThatThrownBy(() -> ContrastiveModel.builder().setClusters(1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("K = 1");
        assertThatThrownBy(() -> ContrastiveNetwork.builder().build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("K");
    }

    @Test
    void wrongChannelCountRejected() {
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.zeros(new Shape(2, 1, 32, 32));
            assertThatThrownBy(() -> model.features(x)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("(2, 1, 32, 32)");
        }
    }
}
