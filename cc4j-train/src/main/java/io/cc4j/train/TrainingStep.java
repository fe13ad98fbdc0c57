package io.cc4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.cc4j.augment.ViewBatch;
import io.cc4j.loss.ClusterContrastiveLoss;
import io.cc4j.loss.InstanceContrastiveLoss;
import io.cc4j.loss.LossValues;
import io.cc4j.model.ContrastiveModel;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One training step of Contrastive Clustering, exactly as training runs it: the views are copied from the host
 * into the engine, go through the network (one joint pass of 2N images, or two passes), the instance loss and
 * (except in an instance-only step) the cluster loss are computed, backward runs, and Adam updates the
 * parameters. A non-finite loss stops the step before the update. With a frozen backbone the backbone runs in eval
 * mode without autograd and only the heads are updated. {@code cc4j bench step} times this class.
 *
 * <p>Not thread-safe: one step at a time. Keeps the time each phase took, for the trainer's debug log.
 */
public final class TrainingStep implements AutoCloseable {
    private final Engine engine;
    private final ContrastiveModel model;
    private final AdamOptimizer optimizer;
    private final InstanceContrastiveLoss instanceLoss;
    private final ClusterContrastiveLoss clusterLoss;
    private final List<Parameter> parameters;
    private final boolean frozenBackbone;
    private final Set<Parameter> clusterHead;
    /** The parameters' names in the model (e.g. 01backbone_01stem_01Conv2d_weight), for messages. */
    private final java.util.Map<Parameter, String> names = new IdentityHashMap<>();
    private final DivergenceDiagnosis divergence = new DivergenceDiagnosis();
    private long forwardNanos;
    private long backwardNanos;
    private long optimizerNanos;

    /**
     * @param engine the engine of the model
     * @param model the model to train (the caller closes it)
     * @param optimizer the optimizer (the caller closes it)
     * @param instanceTemperature tau_I
     * @param clusterTemperature tau_C
     */
    public TrainingStep(Engine engine, ContrastiveModel model, AdamOptimizer optimizer, float instanceTemperature,
            float clusterTemperature) {
        this(engine, model, optimizer, instanceTemperature, clusterTemperature, false);
    }

    /**
     * @param engine the engine of the model
     * @param model the model to train (the caller closes it)
     * @param optimizer the optimizer (the caller closes it)
     * @param instanceTemperature tau_I
     * @param clusterTemperature tau_C
     * @param frozenBackbone true to keep the backbone as it is (eval mode, no gradients) and train the heads only
     */
    public TrainingStep(Engine engine, ContrastiveModel model, AdamOptimizer optimizer, float instanceTemperature,
            float clusterTemperature, boolean frozenBackbone) {
        this.engine = engine;
        this.frozenBackbone = frozenBackbone;
        this.model = model;
        this.optimizer = optimizer;
        this.instanceLoss = new InstanceContrastiveLoss(instanceTemperature);
        this.clusterLoss = new ClusterContrastiveLoss(clusterTemperature);
        this.parameters = optimised(model, frozenBackbone);
        model.namedParameters().forEach((name, p) -> names.put(p, name));
        // The cluster head takes no part in an instance-only step.
        this.clusterHead = Collections.newSetFromMap(new IdentityHashMap<>());
        model.network().clusterHead().getParameters().values().forEach(clusterHead::add);
    }

    /**
     * The parameters a step updates, in the stable order of {@link ContrastiveModel#namedParameters()}: the trainable
     * ones, without the backbone's when it is frozen. An optimizer's state holds exactly these.
     *
     * @param model the model
     * @param frozenBackbone whether the backbone is frozen
     * @return the parameters
     */
    public static List<Parameter> optimised(ContrastiveModel model, boolean frozenBackbone) {
        List<Parameter> all = model.trainableParameters();
        if (!frozenBackbone) {
            return all;
        }
        Set<Parameter> backbone = Collections.newSetFromMap(new IdentityHashMap<>());
        backbone.addAll(model.backboneParameters());
        return all.stream().filter(p -> !backbone.contains(p)).toList();
    }

    /** @return true when the backbone is frozen: eval mode, no gradients, not updated */
    public boolean frozenBackbone() {
        return frozenBackbone;
    }

    /**
     * Runs one step.
     *
     * @param views the two augmented views of a batch, on the host
     * @param instanceOnly true for STL-10 mode's instance-only phase: instance loss alone, cluster head untouched
     * @param epoch epoch, for messages
     * @param batch batch index in the epoch, for messages
     * @return the instance and cluster losses of the step (cluster 0 when instance-only)
     * @throws TrainingDivergedException when a loss is not finite; nothing was updated
     */
    public LossValues run(ViewBatch views, boolean instanceOnly, int epoch, int batch) {
        try (NDManager scope = model.manager().newSubManager()) {
            NDArray x = views.toNDArray(scope);
            double li;
            double lc = 0;
            long t0 = System.nanoTime();
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDList out = frozenBackbone ? model.forwardViewsFrozenBackbone(x) : model.forwardViews(x, true);
                NDArray loss = instanceLoss.compute(out.get(0), out.get(1));
                li = loss.getFloat();
                if (!instanceOnly) {
                    NDArray c = clusterLoss.compute(out.get(2), out.get(3));
                    lc = c.getFloat();
                    loss = loss.add(c);
                }
                if (!Double.isFinite(li) || !Double.isFinite(lc)) {
                    throw divergence.diagnose(epoch, batch, li, lc, x, model.namedParameters());
                }
                divergence.record(li + lc);
                long t1 = System.nanoTime();
                forwardNanos += t1 - t0;
                gc.backward(loss);
                backwardNanos += System.nanoTime() - t1;
            }
            long t2 = System.nanoTime();
            // Like torch's Adam with grad None, an instance-only step leaves the cluster head alone.
            Set<Parameter> untouched = instanceOnly ? clusterHead : Set.of();
            List<String> bad = nonFiniteGradients(untouched);
            if (!bad.isEmpty()) {
                throw divergence.gradients(epoch, batch, li, lc, bad, parameters.size());
            }
            optimizer.step(parameters, untouched);
            optimizerNanos += System.nanoTime() - t2;
            return new LossValues(li, lc);
        }
    }

    /**
     * The parameters whose gradient holds NaN or infinity, in the network's order: a backward pass that is not
     * finite must not reach Adam, which would spread it into the weights and its moments for good. Each gradient's
     * largest magnitude stays on the engine, and all of them are read at once.
     */
    private List<String> nonFiniteGradients(Set<Parameter> skip) {
        List<Parameter> checked = new java.util.ArrayList<>();
        NDList maxima = new NDList();
        try {
            for (Parameter p : parameters) {
                if (!skip.contains(p)) {
                    try (NDArray g = p.getArray().getGradient(); NDArray a = g.abs()) {
                        maxima.add(a.max()); // torch's max propagates NaN
                        checked.add(p);
                    }
                }
            }
            if (checked.isEmpty()) {
                return List.of();
            }
            float[] largest;
            try (NDArray all = NDArrays.stack(maxima)) {
                largest = all.toFloatArray();
            }
            List<String> bad = new java.util.ArrayList<>();
            for (int i = 0; i < largest.length; i++) {
                if (!Float.isFinite(largest[i])) {
                    bad.add(names.getOrDefault(checked.get(i), checked.get(i).getName()));
                }
            }
            return bad;
        } finally {
            maxima.close();
        }
    }

    /** @return nanoseconds spent in forward and losses, backward, and Adam since the last {@link #resetTimes()} */
    public long[] times() {
        return new long[] {forwardNanos, backwardNanos, optimizerNanos};
    }

    /** Starts the phase times again. */
    public void resetTimes() {
        forwardNanos = backwardNanos = optimizerNanos = 0;
    }

    /** Releases the losses' cached masks. */
    @Override
    public void close() {
        instanceLoss.close();
        clusterLoss.close();
    }
}
