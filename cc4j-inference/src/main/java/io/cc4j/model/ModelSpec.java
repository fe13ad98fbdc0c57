package io.cc4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cc4j.InvalidInputException;

/**
 * What a trained model is, independently of how it was trained: the network's shape, the input size it
 * expects and the normalisation its input gets. Training derives it from its configuration; a checkpoint stores
 * it, so inference can rebuild the network without knowing anything about training.
 *
 * @param backbone the ResNet variant
 * @param stem the stem
 * @param width channels of the first ResNet stage (64 = torchvision)
 * @param featureDim dimension of the instance feature z
 * @param clusters K
 * @param imageSize edge of the square network input, in pixels
 * @param normalization what the network does to its [0, 1] input first ({@link InputNormalization#NONE} when
 *     null: what checkpoints written before it existed hold)
 */
public record ModelSpec(
        @JsonProperty("backbone") BackboneType backbone,
        @JsonProperty("stem") Stem stem,
        @JsonProperty("width") int width,
        @JsonProperty("feature_dim") int featureDim,
        @JsonProperty("clusters") int clusters,
        @JsonProperty("image_size") int imageSize,
        @JsonProperty("normalization") InputNormalization normalization) {

    /** Three input channels: grayscale data is replicated by the image path. */
    public static final int INPUT_CHANNELS = 3;

    /**
     * Checks every value.
     *
     * @throws InvalidInputException naming the first value out of range
     */
    @JsonCreator
    public ModelSpec {
        normalization = normalization == null ? InputNormalization.NONE : normalization;
        if (backbone == null || stem == null) {
            throw new InvalidInputException("a model needs a backbone and a stem");
        }
        require(width >= 1, "width must be at least 1, got " + width);
        require(featureDim >= 1, "feature dimension must be at least 1, got " + featureDim);
        require(clusters >= 2, "clusters (K) must be at least 2, got " + clusters);
        require(imageSize >= 1, "image size must be at least 1 pixel, got " + imageSize);
    }

    /**
     * A spec whose input is not normalised ({@link InputNormalization#NONE}), as Contrastive Clustering's own
     * networks are trained.
     *
     * @throws InvalidInputException naming the first value out of range
     */
    public ModelSpec(BackboneType backbone, Stem stem, int width, int featureDim, int clusters, int imageSize) {
        this(backbone, stem, width, featureDim, clusters, imageSize, InputNormalization.NONE);
    }

    /**
     * @param normalization the input normalisation
     * @return this spec with another input normalisation
     */
    public ModelSpec withNormalization(InputNormalization normalization) {
        return new ModelSpec(backbone, stem, width, featureDim, clusters, imageSize, normalization);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException(message);
        }
    }

    /**
     * Builds the network this spec describes.
     *
     * @param seed seed of the parameter initialisation (parameters loaded afterwards make it irrelevant)
     * @param separateViews whether the two views of a training step run as two batches instead of one
     * @return an initialised model
     */
    public ContrastiveModel build(long seed, boolean separateViews) {
        return networkBuilder().optSeed(seed).optSeparateViews(separateViews).build();
    }

    /**
     * Builds the network with zero parameters, to be loaded from a checkpoint or weights file; draws no random
     * numbers.
     *
     * @return the model
     */
    public ContrastiveModel buildForLoading() {
        return networkBuilder().optForLoading().build();
    }

    /**
     * A model builder set to this spec's network, in the memory layout measured faster for inference (training sets
     * its own).
     */
    private ContrastiveModel.Builder networkBuilder() {
        return ContrastiveModel.builder()
                .optBackbone(backbone)
                .optStem(stem)
                .optWidth(width)
                .optInputChannels(INPUT_CHANNELS)
                .optFeatureDim(featureDim)
                .optNormalization(normalization)
                .optChannelsLast(MemoryLayouts.inferenceChannelsLast(this))
                .setClusters(clusters);
    }

    /**
     * Reads the description off a model.
     *
     * @param model the model
     * @param imageSize the input size it works at
     * @return its description
     */
    public static ModelSpec of(ContrastiveModel model, int imageSize) {
        ContrastiveNetwork n = model.network();
        return new ModelSpec(n.backbone().type(), n.backbone().stem(), n.backbone().width(), n.featureDim(),
                model.clusters(), imageSize, n.normalization());
    }

    /**
     * @return e.g. {@code resnet18 with the cifar stem, width 64, K 10, feature dim 128}, followed by
     *     {@code , imagenet input normalisation} unless the input is not normalised
     */
    public String describe() {
        return backbone.id() + " with the " + stem.id() + " stem, width " + width + ", K " + clusters
                + ", feature dim " + featureDim + (normalization.isNone() ? ""
                        : ", " + normalization.id() + " input normalisation");
    }

    /** @return the dimension of the backbone representation h */
    public int representationDim() {
        return backbone.representationDim(width);
    }
}
