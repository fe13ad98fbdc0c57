package io.cc4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import io.cc4j.InvalidInputException;
import io.cc4j.engine.EngineSupport;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam with the exact semantics of {@code torch.optim.Adam} (not AdamW), with its state owned by cc4j
 * so checkpoints hold it and a resumed run continues identically.
 *
 * <p>For each parameter p with gradient g, at its own step counter t (starting at 1):
 *
 * <pre>
 *   g   = g + weight_decay * p                     (L2 penalty added to the gradient)
 *   m   = m + (1 - beta1) * (g - m)                (torch's lerp)
 *   v   = beta2 * v + (1 - beta2) * g * g
 *   p   = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * <p>A parameter group may have its own rate, {@code lr x scale} ({@link Builder#optRateScale}), as a torch
 * {@code param_groups} entry with its own {@code lr} does: e.g. a pretrained backbone fine-tuned more gently than
 * the heads.
 *
 * <p>Defaults are the paper's: lr 3e-4, betas (0.9, 0.999), eps 1e-8, weight decay 0. Updates run in
 * place on the parameter arrays (through a detached alias, so the step is valid inside or outside a
 * {@code GradientCollector}); the moments live in a manager the optimizer owns.
 *
 * <p><b>Gradients:</b> with DJL's PyTorch engine, gradients ACCUMULATE across gradient collectors
 * ({@code PtGradientCollector} does not reset them). {@link #step} therefore zeroes every gradient it
 * consumed; call {@link #zeroGradients} yourself when a backward pass is discarded without a step.
 *
 * <p>Parameters are matched to their state by position in the list, checked by name and shape: pass
 * the same list, in the same order, on every call (e.g. {@code block.getParameters().values()}).
 * Parameters that do not require a gradient (frozen ones, batch-norm running statistics) are skipped.
 * Not thread-safe.
 */
public final class AdamOptimizer implements AutoCloseable {
    private static final int MAGIC = 0x43434A41; // "CCJA"
    private static final int FORMAT_VERSION = 1;
    private static final NDIndex ALL = new NDIndex("...");

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final java.util.Map<Parameter, Double> rateScales;
    private final NDManager manager = EngineSupport.engine().newBaseManager();
    private final List<AdamSlot> slots = new ArrayList<>();

    private AdamOptimizer(Builder builder) {
        learningRate = builder.learningRate;
        beta1 = builder.beta1;
        beta2 = builder.beta2;
        epsilon = builder.epsilon;
        weightDecay = builder.weightDecay;
        rateScales = new java.util.IdentityHashMap<>(builder.rateScales);
    }

    /** @return a builder with the paper's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies one Adam update to every trainable parameter from its current gradient, then zeroes
     * that gradient.
     *
     * @param parameters the model's parameters, same order on every call
     * @throws InvalidInputException if the list does not match the optimizer's state (after
     *     {@link #readState} from another model)
     */
    public void step(List<Parameter> parameters) {
        step(parameters, java.util.Set.of());
    }

    /**
     * Like {@link #step(List)}, but leaves the parameters in {@code skip} (and their state and step counters)
     * untouched, as torch's Adam does for parameters whose gradient is None: e.g. the cluster head during
     * STL-10's instance-only phase.
     *
     * @param parameters the model's parameters, same order on every call
     * @param skip parameters that took no part in this step
     */
    public void step(List<Parameter> parameters, java.util.Set<Parameter> skip) {
        List<Parameter> trainable = trainable(parameters);
        bind(trainable);
        for (int i = 0; i < trainable.size(); i++) {
            if (skip.contains(trainable.get(i))) {
                continue;
            }
            NDArray array = trainable.get(i).getArray();
            double rate = learningRate * rateScales.getOrDefault(trainable.get(i), 1.0);
            try (NDArray gradient = array.getGradient(); NDArray value = array.stopGradient()) {
                slots.get(i).update(value, gradient, rate, beta1, beta2, epsilon, weightDecay);
                fillZero(gradient);
            }
        }
    }

    /**
     * Sets the gradients of the trainable parameters to zero.
     *
     * @param parameters the parameters
     */
    public void zeroGradients(List<Parameter> parameters) {
        for (Parameter parameter : trainable(parameters)) {
            try (NDArray gradient = parameter.getArray().getGradient()) {
                fillZero(gradient);
            }
        }
    }

    /** Writes 0 in place; unlike {@code muli(0)} this also clears NaN and infinity. */
    private static void fillZero(NDArray gradient) {
        gradient.set(ALL, 0f);
    }

    /**
     * Checks, without changing anything, that a parameter list matches the state (for example right
     * after {@link #readState}, to fail before training starts).
     *
     * @param parameters the model's parameters
     * @throws InvalidInputException naming the first parameter that does not match
     */
    public void checkCompatible(List<Parameter> parameters) {
        List<Parameter> trainable = trainable(parameters);
        if (slots.isEmpty()) {
            return;
        }
        if (slots.size() != trainable.size()) {
            throw new InvalidInputException("optimizer state holds " + slots.size()
                    + " trainable parameters but the model has " + trainable.size());
        }
        for (int i = 0; i < slots.size(); i++) {
            slots.get(i).checkMatches(i, trainable.get(i));
        }
    }

    /** @return steps taken by the first parameter (all share it in normal use), 0 before the first */
    public long getStepCount() {
        return slots.isEmpty() ? 0 : slots.get(0).step();
    }

    /**
     * Writes the state: every parameter's name, shape, step count and both moments.
     *
     * @param out the stream; not closed
     * @throws IOException if writing fails
     */
    public void writeState(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(slots.size());
        for (AdamSlot slot : slots) {
            slot.write(out);
        }
    }

    /**
     * Replaces the state with one written by {@link #writeState}. It is checked against the model's
     * parameters at the next {@link #step} or {@link #checkCompatible} call.
     *
     * @param in the stream; not closed
     * @throws IOException if reading fails
     * @throws InvalidInputException if the data is not an optimizer state or is truncated
     */
    public void readState(DataInputStream in) throws IOException {
        List<AdamSlot> read = new ArrayList<>();
        try {
            if (in.readInt() != MAGIC) {
                throw new InvalidInputException("not a cc4j Adam optimizer state (bad magic number)");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new InvalidInputException("unsupported Adam optimizer state version " + version
                        + " (this build reads " + FORMAT_VERSION + ")");
            }
            int count = in.readInt();
            if (count < 0) {
                throw new InvalidInputException("corrupt Adam optimizer state: parameter count " + count);
            }
            for (int i = 0; i < count; i++) {
                read.add(AdamSlot.read(in, manager, i));
            }
        } catch (java.io.EOFException e) {
            read.forEach(AdamSlot::close);
            throw new InvalidInputException("truncated Adam optimizer state", e);
        } catch (InvalidInputException e) {
            read.forEach(AdamSlot::close);
            throw e;
        }
        slots.forEach(AdamSlot::close);
        slots.clear();
        slots.addAll(read);
    }

    /** @return the learning rate */
    public double getLearningRate() {
        return learningRate;
    }

    /**
     * @param parameter a parameter
     * @return its learning rate: the learning rate times its group's scale
     */
    public double learningRateOf(Parameter parameter) {
        return learningRate * rateScales.getOrDefault(parameter, 1.0);
    }

    /** @return beta1, the decay of the first moment */
    public double getBeta1() {
        return beta1;
    }

    /** @return beta2, the decay of the second moment */
    public double getBeta2() {
        return beta2;
    }

    /** @return eps added to the denominator */
    public double getEpsilon() {
        return epsilon;
    }

    /** @return the L2 weight decay added to the gradient */
    public double getWeightDecay() {
        return weightDecay;
    }

    /** Releases the moment arrays. */
    @Override
    public void close() {
        slots.forEach(AdamSlot::close);
        slots.clear();
        manager.close();
    }

    private static List<Parameter> trainable(List<Parameter> parameters) {
        List<Parameter> out = new ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            if (parameter.requiresGradient() && parameter.getArray().hasGradient()) {
                out.add(parameter);
            }
        }
        return out;
    }

    /** Creates zero state on first use; otherwise checks the list matches and moves state to its device. */
    private void bind(List<Parameter> trainable) {
        if (slots.isEmpty()) {
            for (Parameter parameter : trainable) {
                slots.add(AdamSlot.create(manager, parameter));
            }
            return;
        }
        checkCompatible(trainable);
        for (int i = 0; i < slots.size(); i++) {
            slots.get(i).moveTo(trainable.get(i).getArray().getDevice());
        }
    }

    /** Options of {@link AdamOptimizer}; each setter validates its value. */
    public static final class Builder {
        private double learningRate = 3e-4;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;
        private double weightDecay = 0;
        private final java.util.Map<Parameter, Double> rateScales = new java.util.IdentityHashMap<>();

        private Builder() {
        }

        /**
         * Gives some parameters a learning rate of their own: the learning rate times {@code scale}.
         *
         * @param parameters the group (compared by identity)
         * @param scale finite and &gt; 0
         * @return this
         */
        public Builder optRateScale(java.util.Collection<Parameter> parameters, double scale) {
            if (!(scale > 0) || Double.isInfinite(scale)) {
                throw new InvalidInputException("learning rate scale must be finite and > 0, got " + scale);
            }
            for (Parameter p : parameters) {
                rateScales.put(p, scale);
            }
            return this;
        }

        /**
         * @param learningRate step size, finite and &gt; 0 (default 3e-4)
         * @return this
         */
        public Builder optLearningRate(double learningRate) {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new InvalidInputException("learning rate must be finite and > 0, got " + learningRate);
            }
            this.learningRate = learningRate;
            return this;
        }

        /**
         * @param beta1 first-moment decay in [0, 1) (default 0.9)
         * @param beta2 second-moment decay in [0, 1) (default 0.999)
         * @return this
         */
        public Builder optBetas(double beta1, double beta2) {
            if (!(beta1 >= 0 && beta1 < 1)) {
                throw new InvalidInputException("Adam beta1 must be in [0, 1), got " + beta1);
            }
            if (!(beta2 >= 0 && beta2 < 1)) {
                throw new InvalidInputException("Adam beta2 must be in [0, 1), got " + beta2);
            }
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /**
         * @param epsilon denominator term, finite and &gt;= 0 (default 1e-8)
         * @return this
         */
        public Builder optEpsilon(double epsilon) {
            if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
                throw new InvalidInputException("Adam epsilon must be finite and >= 0, got " + epsilon);
            }
            this.epsilon = epsilon;
            return this;
        }

        /**
         * @param weightDecay L2 penalty added to the gradient, finite and &gt;= 0 (default 0)
         * @return this
         */
        public Builder optWeightDecay(double weightDecay) {
            if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
                throw new InvalidInputException("weight decay must be finite and >= 0, got " + weightDecay);
            }
            this.weightDecay = weightDecay;
            return this;
        }

        /** @return the optimizer */
        public AdamOptimizer build() {
            return new AdamOptimizer(this);
        }
    }
}
