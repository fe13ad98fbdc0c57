package io.cc4j.model.store;

import io.cc4j.InvalidInputException;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.Stem;
import java.util.Locale;

/**
 * What a set of weights is: the network (backbone, stem, width, instance feature dimension, K) and the
 * input size it was trained at. Together these rebuild the network in cc4j or PyTorch and prepare its input.
 *
 * @param backbone ResNet-18, -34 or -50
 * @param stem ImageNet or CIFAR stem
 * @param width channels of the stem and first stage (64 = torchvision)
 * @param featureDim dimension of the instance feature z (128 in the paper)
 * @param clusters K
 * @param inputSize edge of the square network input in pixels (the test transform resizes to it)
 */
public record ModelSpec(BackboneType backbone, Stem stem, int width, int featureDim, int clusters, int inputSize) {
    /** Validates every value, naming the one at fault. */
    public ModelSpec {
        if (backbone == null || stem == null) {
            throw new InvalidInputException("backbone and stem must be given");
        }
        require(width >= 1, "width must be at least 1, got " + width);
        require(featureDim >= 1, "feature dimension must be at least 1, got " + featureDim);
        require(clusters >= 2, "clusters (K) must be at least 2, got " + clusters);
        require(inputSize >= 1, "input size must be at least 1, got " + inputSize);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException(message);
        }
    }

    /**
     * Reads the description off a model: backbone and stem from its blocks, width, feature dimension and K
     * from its parameters.
     *
     * @param model the model
     * @param inputSize the input size it works at
     * @return its description
     */
    public static ModelSpec of(ContrastiveModel model, int inputSize) {
        String conv1 = StateDictLayout.of(model.network().backbone().type()).byTorchName("resnet.conv1.weight")
                .orElseThrow().cc4jName();
        int width = Math.toIntExact(model.namedParameters().get(conv1).getArray().getShape().get(0));
        return new ModelSpec(model.network().backbone().type(), model.network().backbone().stem(), width,
                model.network().featureDim(), model.clusters(), inputSize);
    }

    /**
     * @param seed seed of the (random) initial parameters
     * @return a new model of this description, three input channels
     */
    public ContrastiveModel newModel(long seed) {
        return ContrastiveModel.builder().optBackbone(backbone).optStem(stem).optWidth(width)
                .optFeatureDim(featureDim).setClusters(clusters).optInputChannels(3).optSeed(seed).build();
    }

    /** @return the lower-case backbone name the CLI and the JSON use, e.g. {@code resnet18} */
    public String backboneName() {
        return backbone.name().toLowerCase(Locale.ROOT);
    }

    /** @return the lower-case stem name, {@code imagenet} or {@code cifar} */
    public String stemName() {
        return stem.name().toLowerCase(Locale.ROOT);
    }

    /** @return e.g. {@code resnet18 with the cifar stem, width 64, K 10, feature dim 128} */
    public String describe() {
        return backboneName() + " with the " + stemName() + " stem, width " + width + ", K " + clusters
                + ", feature dim " + featureDim;
    }
}
