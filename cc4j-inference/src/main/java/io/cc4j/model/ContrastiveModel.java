package io.cc4j.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import io.cc4j.InvalidInputException;
import io.cc4j.engine.EngineSupport;
import io.cc4j.engine.NoGrad;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Contrastive Clustering model users hold: a {@link ContrastiveNetwork} with its initialised parameters,
 * the NDManager that owns them and the parameter store.
 *
 * <p>Arrays returned by the methods below belong to the manager of the input array. {@link #forwardPair}
 * leaves its intermediate arrays there too (autograd needs them until backward), so training loops should run
 * each step inside a sub-manager; the inference methods close their intermediates themselves and never record
 * autograd.
 *
 * <p><b>Separate views.</b> By default the two views go through the network as one batch of 2N images: one pass
 * instead of two, and batch-norm statistics computed over both views. The official code runs the views separately,
 * so its BN statistics are per view and its running statistics are updated twice per step;
 * {@link Builder#optSeparateViews(boolean)} reproduces that exactly. The joint pass is the default because it is
 * faster on CPU (docs/benchmarks.md, "Joint or separate view passes"), and both views come from the same images,
 * so joint and per-view batch statistics estimate the same quantities.
 */
public final class ContrastiveModel implements AutoCloseable {
    /** Size used to infer parameter shapes at initialisation; parameters do not depend on it. */
    private static final int INIT_SIZE = 32;

    private static final ai.djl.ndarray.index.NDIndex ALL = new ai.djl.ndarray.index.NDIndex("...");

    private final ContrastiveNetwork network;
    private final NDManager manager;
    private final ParameterStore parameterStore;
    private final boolean separateViews;
    private final Map<String, Parameter> parameters;

    private ContrastiveModel(Builder builder) {
        Engine engine = EngineSupport.engine();
        network = builder.network.build();
        network.backbone().setChannelsLast(builder.channelsLast);
        separateViews = builder.separateViews;
        manager = engine.newBaseManager();
        if (builder.forLoading) {
            // Parameters are overwritten right after: start them at zero and leave libtorch's generator alone.
            network.setInitializer(Initializer.ZEROS, p -> true);
        } else {
            // Parameter initialisation draws from libtorch's generator: seed it so one seed gives one model.
            engine.setRandomSeed(Long.hashCode(builder.seed));
        }
        network.initialize(manager, DataType.FLOAT32,
                new Shape(1, network.inputChannels(), INIT_SIZE, INIT_SIZE));
        parameterStore = new ParameterStore(manager, false);
        Map<String, Parameter> named = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : network.getParameters()) {
            named.put(pair.getKey(), pair.getValue());
        }
        parameters = Collections.unmodifiableMap(named);
    }

    /** @return a builder; {@link Builder#setClusters(int)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the underlying DJL block */
    public ContrastiveNetwork network() {
        return network;
    }

    /** @return the parameter store to pass to {@link ContrastiveNetwork} forward calls */
    public ParameterStore parameterStore() {
        return parameterStore;
    }

    /** @return the manager owning the parameters */
    public NDManager manager() {
        return manager;
    }

    /**
     * Chooses the memory layout the backbone computes in; the numbers it computes are the same either way (to
     * rounding), only the kernels libtorch picks differ. Not thread-safe against a forward pass in progress.
     *
     * @param on run the backbone on channels-last (NHWC) data
     */
    public void setChannelsLast(boolean on) {
        network.backbone().setChannelsLast(on);
    }

    /** @return true if the backbone computes on channels-last (NHWC) data */
    public boolean isChannelsLast() {
        return network.backbone().isChannelsLast();
    }

    /** @return true if the two views run through the network as two batches, false if as one */
    public boolean separateViews() {
        return separateViews;
    }

    /** @return number of clusters K */
    public int clusters() {
        return network.clusters();
    }

    /**
     * Training forward of a view pair.
     *
     * @param xa first views (N, C, H, W)
     * @param xb second views, same shape
     * @param training true to use batch statistics in BN and update its running statistics
     * @return (z_a, z_b, y_a, y_b): z (N, featureDim) unit rows, y (N, K) probability rows
     * @throws InvalidInputException if the shapes differ or do not fit the network
     */
    public NDList forwardPair(NDArray xa, NDArray xb, boolean training) {
        checkInput(xa, "xa");
        if (!xa.getShape().equals(xb.getShape())) {
            throw new InvalidInputException(
                    "views differ in shape: xa " + xa.getShape() + ", xb " + xb.getShape());
        }
        if (!separateViews) {
            long n = xa.getShape().get(0);
            NDList out = network.forward(parameterStore, new NDList(xa.concat(xb, 0)), training);
            NDList z = out.get(0).split(new long[] {n}, 0);
            NDList y = out.get(1).split(new long[] {n}, 0);
            return new NDList(z.get(0), z.get(1), y.get(0), y.get(1));
        }
        NDList a = network.forward(parameterStore, new NDList(xa), training);
        NDList b = network.forward(parameterStore, new NDList(xb), training);
        return new NDList(a.get(0), b.get(0), a.get(1), b.get(1));
    }

    /**
     * Training forward of a view pair already stacked in one array: the first N rows are the views x_a, the
     * last N their partners x_b. Without separate views this saves the copy of {@link #forwardPair}.
     *
     * @param views (2N, C, H, W)
     * @param training true to use batch statistics in BN and update its running statistics
     * @return (z_a, z_b, y_a, y_b)
     * @throws InvalidInputException if the batch is odd or does not fit the network
     */
    public NDList forwardViews(NDArray views, boolean training) {
        checkInput(views, "views");
        long total = views.getShape().get(0);
        if (total % 2 != 0) {
            throw new InvalidInputException("views must hold 2N images (x_a then x_b), got " + total);
        }
        long n = total / 2;
        if (separateViews) {
            return forwardPair(views.get("0:" + n), views.get(n + ":"), training);
        }
        NDList out = network.forward(parameterStore, new NDList(views), training);
        NDList z = out.get(0).split(new long[] {n}, 0);
        NDList y = out.get(1).split(new long[] {n}, 0);
        return new NDList(z.get(0), z.get(1), y.get(0), y.get(1));
    }

    /**
     * Training forward of a view pair with the backbone frozen: the backbone runs in eval mode (BatchNorm's running
     * statistics, which it leaves unchanged) without recording autograd, so only the heads receive gradients; the
     * views go through it as one batch (in eval mode a joint pass equals two).
     *
     * @param views (2N, C, H, W): the views x_a, then their partners x_b
     * @return (z_a, z_b, y_a, y_b)
     * @throws InvalidInputException if the batch is odd or does not fit the network
     */
    public NDList forwardViewsFrozenBackbone(NDArray views) {
        checkInput(views, "views");
        long total = views.getShape().get(0);
        if (total % 2 != 0) {
            throw new InvalidInputException("views must hold 2N images (x_a then x_b), got " + total);
        }
        long n = total / 2;
        NDArray h;
        try (NoGrad noGrad = NoGrad.enter()) {
            h = network.representation(parameterStore, views, false);
        }
        NDList out = network.heads(parameterStore, h, true);
        NDList z = out.get(0).split(new long[] {n}, 0);
        NDList y = out.get(1).split(new long[] {n}, 0);
        return new NDList(z.get(0), z.get(1), y.get(0), y.get(1));
    }

    /** @return the backbone's parameters and BatchNorm statistics, in the stable order of {@link #namedParameters()} */
    public List<Parameter> backboneParameters() {
        java.util.Set<Parameter> backbone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        network.backbone().getParameters().values().forEach(backbone::add);
        List<Parameter> list = new ArrayList<>();
        for (Parameter p : parameters.values()) {
            if (backbone.contains(p)) {
                list.add(p);
            }
        }
        return list;
    }

    /**
     * Training forward of the self-labeling boost stage, as TCL runs it: the weak and the strong views in two
     * passes (per-view BatchNorm statistics).
     *
     * @param weak weak views (N, C, H, W)
     * @param strong strong views of the same images, same shape
     * @return (z_weak, z_strong, logits_strong, logits_weak): unit instance features of both views and the
     *     cluster logits (before the softmax) of the strong and of the weak views
     */
    public NDList forwardWeakStrong(NDArray weak, NDArray strong) {
        checkInput(weak, "weak");
        if (!weak.getShape().equals(strong.getShape())) {
            throw new InvalidInputException("views differ in shape: weak " + weak.getShape() + ", strong "
                    + strong.getShape());
        }
        NDList w = network.forwardWithLogits(parameterStore, weak, true);
        NDList s = network.forwardWithLogits(parameterStore, strong, true);
        return new NDList(w.get(0), s.get(0), s.get(1), w.get(1));
    }

    /**
     * Inference-mode features (BN running statistics, no autograd).
     *
     * @param x images (B, C, H, W)
     * @return (h, z): backbone representation (B, rep) and instance feature (B, featureDim)
     */
    public NDList features(NDArray x) {
        return infer(x, 0, 1);
    }

    /**
     * Inference-mode cluster probabilities.
     *
     * @param x images (B, C, H, W)
     * @return y (B, K), each row summing to 1
     */
    public NDArray probabilities(NDArray x) {
        return infer(x, 2).singletonOrThrow();
    }

    /**
     * Hard assignments: argmax of the cluster head on (un-augmented) images.
     *
     * @param x images (B, C, H, W)
     * @return cluster and confidence (max probability) per image
     */
    public ClusterArgmax assign(NDArray x) {
        try (NDArray y = probabilities(x);
                NDArray arg = y.argMax(1);
                NDArray max = y.max(new int[] {1})) {
            long[] idx = arg.toLongArray();
            int[] clusters = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                clusters[i] = Math.toIntExact(idx[i]);
            }
            return new ClusterArgmax(clusters, max.toFloatArray());
        }
    }

    /**
     * Inference-mode outputs of one pass: what assignment and feature export need together.
     *
     * @param x images (B, C, H, W)
     * @return (h, z, y): backbone representation, instance feature, cluster probabilities
     */
    public NDList inferAll(NDArray x) {
        return infer(x, 0, 1, 2);
    }

    private NDList infer(NDArray x, int... keep) {
        checkInput(x, "x");
        NDManager owner = x.getManager();
        try (NoGrad noGrad = NoGrad.enter();
                NDManager scope = owner.newSubManager()) {
            x.tempAttach(scope);
            NDList all = network.forwardAll(parameterStore, x, false);
            NDList result = new NDList(keep.length);
            for (int k : keep) {
                result.add(all.get(k));
            }
            result.attach(owner);
            return result;
        }
    }

    private void checkInput(NDArray x, String what) {
        Shape shape = x.getShape();
        if (shape.dimension() != 4 || shape.get(1) != network.inputChannels() || shape.get(0) < 1) {
            throw new InvalidInputException("input " + what + " must have shape (B, " + network.inputChannels()
                    + ", H, W) with B >= 1, got " + shape);
        }
    }

    /**
     * Every parameter by a stable hierarchical name, in a fixed order: the trainable ones and the BN running
     * statistics.
     *
     * @return unmodifiable name to parameter map, in network order
     */
    public Map<String, Parameter> namedParameters() {
        return parameters;
    }

    /** @return the parameters the optimizer updates, in the stable order of {@link #namedParameters()} */
    public List<Parameter> trainableParameters() {
        List<Parameter> list = new ArrayList<>();
        for (Parameter p : parameters.values()) {
            if (p.requiresGradient()) {
                list.add(p);
            }
        }
        return list;
    }

    /**
     * Copies values into every parameter, in the order of {@link #namedParameters()}; the caller has checked
     * names and shapes.
     *
     * @param values one array per parameter, each as long as the parameter
     * @throws InvalidInputException if the count or a length does not match
     */
    public void setParameterValues(List<float[]> values) {
        if (values.size() != parameters.size()) {
            throw new InvalidInputException(values.size() + " parameter arrays for " + parameters.size() + " parameters");
        }
        int i = 0;
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            if (values.get(i++).length != e.getValue().getArray().size()) {
                throw new InvalidInputException("parameter '" + e.getKey() + "' needs " + e.getValue().getArray().size()
                        + " values, got " + values.get(i - 1).length);
            }
        }
        try (NoGrad noGrad = NoGrad.enter(); NDManager scope = manager.newSubManager()) {
            i = 0;
            for (Parameter p : parameters.values()) {
                NDArray target = p.getArray();
                // An indexed copy: NDArray.set(Buffer) goes through a libtorch guard that prints a deprecation
                // warning on stderr.
                target.set(ALL, scope.create(values.get(i++), target.getShape()));
            }
        }
    }

    /** Frees the parameters. */
    @Override
    public void close() {
        manager.close();
    }

    /** Options of the model: those of the network plus seed and separate views. */
    public static final class Builder {
        private final ContrastiveNetwork.Builder network = ContrastiveNetwork.builder();
        private boolean separateViews;
        private long seed = 42;
        private boolean forLoading;
        private boolean channelsLast;

        private Builder() {
        }

        /**
         * @param on run the backbone on channels-last (NHWC) data (default off; {@link #setChannelsLast} changes it
         *     later)
         * @return this builder
         */
        public Builder optChannelsLast(boolean on) {
            this.channelsLast = on;
            return this;
        }

        /**
         * Starts every parameter at zero without drawing random numbers, for a model whose parameters are loaded
         * right after: building it then changes no process-wide state (libtorch's random generator is global).
         *
         * @return this builder
         */
        public Builder optForLoading() {
            this.forLoading = true;
            return this;
        }

        /**
         * @param backbone the ResNet variant (default RESNET34)
         * @return this builder
         */
        public Builder optBackbone(BackboneType backbone) {
            network.optBackbone(backbone);
            return this;
        }

        /**
         * @param stem the stem (default IMAGENET)
         * @return this builder
         */
        public Builder optStem(Stem stem) {
            network.optStem(stem);
            return this;
        }

        /**
         * @param channels input channels (default 3)
         * @return this builder
         */
        public Builder optInputChannels(int channels) {
            network.optInputChannels(channels);
            return this;
        }

        /**
         * @param width channels of the first ResNet stage (default 64 = torchvision)
         * @return this builder
         */
        public Builder optWidth(int width) {
            network.optWidth(width);
            return this;
        }

        /**
         * @param featureDim dimension of z (default 128)
         * @return this builder
         */
        public Builder optFeatureDim(int featureDim) {
            network.optFeatureDim(featureDim);
            return this;
        }

        /**
         * @param normalization what the network does to its input first (default none)
         * @return this builder
         */
        public Builder optNormalization(InputNormalization normalization) {
            network.optNormalization(normalization);
            return this;
        }

        /**
         * @param clusters K, at least 2
         * @return this builder
         */
        public Builder setClusters(int clusters) {
            network.setClusters(clusters);
            return this;
        }

        /**
         * @param separate true to run the two views as two batches, as the official code does (per-view BN
         *     statistics); false (default) to run them as one batch
         * @return this builder
         */
        public Builder optSeparateViews(boolean separate) {
            this.separateViews = separate;
            return this;
        }

        /**
         * @param seed seed of the parameter initialisation (default 42, the official seed)
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @return the initialised model */
        public ContrastiveModel build() {
            return new ContrastiveModel(this);
        }
    }
}
