package io.cc4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.cc4j.InvalidInputException;

/**
 * The network of Contrastive Clustering as one DJL block: a shared backbone f and the two heads. The forward
 * pass of x (B, C, H, W) returns {@code NDList(z, y)}: z (B, featureDim) unit rows from the instance head,
 * y (B, K) probability rows from the cluster head.
 */
public final class ContrastiveNetwork extends AbstractBlock {
    private final ResNetBackbone backbone;
    private final InstanceHead instanceHead;
    private final ClusterHead clusterHead;
    private final int inputChannels;
    private final int featureDim;
    private final int clusters;
    private final InputNormalization normalization;

    private ContrastiveNetwork(Builder builder) {
        this.inputChannels = builder.inputChannels;
        this.normalization = builder.normalization;
        this.featureDim = builder.featureDim;
        this.clusters = builder.clusters;
        backbone = addChildBlock("backbone", new ResNetBackbone(builder.backbone, builder.stem, builder.width));
        int rep = builder.backbone.representationDim(builder.width);
        instanceHead = addChildBlock("instanceHead", new InstanceHead(rep, featureDim));
        clusterHead = addChildBlock("clusterHead", new ClusterHead(rep, clusters));
    }

    /** @return a builder; {@link Builder#setClusters(int)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the backbone f */
    public ResNetBackbone backbone() {
        return backbone;
    }

    /** @return the instance-level head */
    public InstanceHead instanceHead() {
        return instanceHead;
    }

    /** @return the cluster-level head */
    public ClusterHead clusterHead() {
        return clusterHead;
    }

    /** @return channels of the input images */
    public int inputChannels() {
        return inputChannels;
    }

    /** @return dimension of z */
    public int featureDim() {
        return featureDim;
    }

    /** @return number of clusters K */
    public int clusters() {
        return clusters;
    }

    /** @return what the network does to its input first */
    public InputNormalization normalization() {
        return normalization;
    }

    /**
     * The backbone on normalised input: the representation h.
     *
     * @param parameterStore where the parameters live
     * @param x images (B, C, H, W) in [0, 1]
     * @param training true to use batch statistics in BN (and update its running statistics)
     * @return h (B, rep)
     */
    public NDArray representation(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray in = normalization.apply(x);
        try {
            return backbone.forward(parameterStore, new NDList(in), training, null).singletonOrThrow();
        } finally {
            if (in != x) {
                in.close();
            }
        }
    }

    /**
     * The two heads on a representation.
     *
     * @param parameterStore where the parameters live
     * @param h representation (B, rep)
     * @param training the heads' training flag (they hold no BatchNorm: it changes nothing)
     * @return (z, y): unit instance features and cluster probabilities
     */
    public NDList heads(ParameterStore parameterStore, NDArray h, boolean training) {
        NDArray z = instanceHead.forward(parameterStore, new NDList(h), training, null).singletonOrThrow();
        NDArray y = clusterHead.forward(parameterStore, new NDList(h), training, null).singletonOrThrow();
        return new NDList(z, y);
    }

    /**
     * Runs the backbone and both heads.
     *
     * @param parameterStore where the parameters live
     * @param x images (B, C, H, W)
     * @param training true to use batch statistics in BN (and update its running statistics)
     * @return (h, z, y)
     */
    public NDList forwardAll(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray h = representation(parameterStore, x, training);
        NDList zy = heads(parameterStore, h, training);
        return new NDList(h, zy.get(0), zy.get(1));
    }

    /**
     * Runs the backbone, the instance head and the cluster head without its softmax.
     *
     * @param parameterStore where the parameters live
     * @param x images (B, C, H, W)
     * @param training true to use batch statistics in BN (and update its running statistics)
     * @return (z, logits): unit instance features (B, featureDim) and cluster logits (B, K)
     */
    public NDList forwardWithLogits(ParameterStore parameterStore, NDArray x, boolean training) {
        NDArray h = representation(parameterStore, x, training);
        NDArray z = instanceHead.forward(parameterStore, new NDList(h), training, null).singletonOrThrow();
        NDArray logits = clusterHead.logits(parameterStore, h, training);
        return new NDList(z, logits);
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList all = forwardAll(parameterStore, inputs.singletonOrThrow(), training);
        return new NDList(all.get(1), all.get(2));
    }

    /** {@inheritDoc} */
    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] h = backbone.getOutputShapes(inputShapes);
        return new Shape[] {instanceHead.getOutputShapes(h)[0], clusterHead.getOutputShapes(h)[0]};
    }

    /** {@inheritDoc} */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        backbone.initialize(manager, dataType, inputShapes);
        Shape[] h = backbone.getOutputShapes(inputShapes);
        instanceHead.initialize(manager, dataType, h);
        clusterHead.initialize(manager, dataType, h);
    }

    /** Options of the network; each setter validates its value. */
    public static final class Builder {
        private BackboneType backbone = BackboneType.RESNET34;
        private Stem stem = Stem.IMAGENET;
        private int inputChannels = 3;
        private int width = ResNetBackbone.DEFAULT_WIDTH;
        private int featureDim = 128;
        private int clusters;
        private InputNormalization normalization = InputNormalization.NONE;

        private Builder() {
        }

        /**
         * @param backbone the ResNet variant (default RESNET34, the official one)
         * @return this builder
         */
        public Builder optBackbone(BackboneType backbone) {
            if (backbone == null) {
                throw new InvalidInputException("backbone must not be null");
            }
            this.backbone = backbone;
            return this;
        }

        /**
         * @param stem the stem (default IMAGENET, the official one)
         * @return this builder
         */
        public Builder optStem(Stem stem) {
            if (stem == null) {
                throw new InvalidInputException("stem must not be null");
            }
            this.stem = stem;
            return this;
        }

        /**
         * @param inputChannels channels of the input images, at least 1 (default 3)
         * @return this builder
         */
        public Builder optInputChannels(int inputChannels) {
            if (inputChannels < 1) {
                throw new InvalidInputException("inputChannels must be at least 1, got " + inputChannels);
            }
            this.inputChannels = inputChannels;
            return this;
        }

        /**
         * @param width channels of the first ResNet stage, at least 1 (default 64 = torchvision)
         * @return this builder
         */
        public Builder optWidth(int width) {
            if (width < 1) {
                throw new InvalidInputException("width must be at least 1, got " + width);
            }
            this.width = width;
            return this;
        }

        /**
         * @param featureDim dimension of the instance feature z, at least 1 (default 128)
         * @return this builder
         */
        public Builder optFeatureDim(int featureDim) {
            if (featureDim < 1) {
                throw new InvalidInputException("featureDim must be at least 1, got " + featureDim);
            }
            this.featureDim = featureDim;
            return this;
        }

        /**
         * @param normalization what the network does to its input first (default none)
         * @return this builder
         */
        public Builder optNormalization(InputNormalization normalization) {
            if (normalization == null) {
                throw new InvalidInputException("normalization must not be null");
            }
            this.normalization = normalization;
            return this;
        }

        /**
         * @param clusters number of clusters K, at least 2
         * @return this builder
         */
        public Builder setClusters(int clusters) {
            if (clusters < 2) {
                throw new InvalidInputException("clusters K must be at least 2, got K = " + clusters);
            }
            this.clusters = clusters;
            return this;
        }

        /** @return the backbone type chosen */
        public BackboneType backbone() {
            return backbone;
        }

        /** @return the stem chosen */
        public Stem stem() {
            return stem;
        }

        /** @return the input channels chosen */
        public int inputChannels() {
            return inputChannels;
        }

        /**
         * @return an uninitialised network
         * @throws InvalidInputException if K was not set
         */
        public ContrastiveNetwork build() {
            if (clusters < 2) {
                throw new InvalidInputException("clusters K must be set (at least 2), got K = " + clusters);
            }
            return new ContrastiveNetwork(this);
        }
    }
}
