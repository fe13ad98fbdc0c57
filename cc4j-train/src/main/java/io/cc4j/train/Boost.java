package io.cc4j.train;

import io.cc4j.augment.BoostAugmentConfig;
import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;

/**
 * The settings of the self-labeling boost stage (TCL, Li et al., IJCV 2022), with TCL's defaults; the rest (data,
 * batch size, seed, threads) comes from the {@link TrainConfig} of the run it starts from.
 */
public final class Boost {
    /** The run directory of the CC model it starts from. */
    public static final Setting<String> SOURCE = Setting.builder("source", String.class,
            "The trained CC run to start from.").check(s -> !s.isBlank(), "a run directory").build();
    /** Boost epochs; the first only fills the pseudo-labels. */
    public static final Setting<Integer> EPOCHS = Setting.intAtLeast("epochs", 2, 20,
            "Boost epochs; the first only fills the pseudo-labels.");
    /** Confidence below which an image loses its pseudo-label. */
    public static final Setting<Double> ALPHA = Setting.builder("alpha", Double.class,
            "Confidence below which a pseudo-label is dropped.").defaultValue(0.99)
            .check(v -> v > 0 && v <= 1, "in (0, 1]").build();
    /** Share of the balanced per-cluster quota of a batch labelled at once. */
    public static final Setting<Double> GAMMA = Setting.positiveDouble("gamma", 0.5,
            "Share of a batch's balanced per-cluster quota labelled at once.");
    /** Adam learning rate. */
    public static final Setting<Double> LEARNING_RATE = Setting.positiveDouble("learningRate", 1e-4,
            "Adam learning rate.");
    /** Adam weight decay. */
    public static final Setting<Double> WEIGHT_DECAY = Setting.nonNegativeDouble("weightDecay", 1e-4,
            "Adam weight decay.");
    /** Temperature of the instance loss. */
    public static final Setting<Double> INSTANCE_TEMPERATURE = Setting.positiveDouble("instanceTemperature", 0.5,
            "tau of the instance loss.");
    /** Temperature of the softmax that turns cluster logits into confidences. */
    public static final Setting<Double> CLUSTER_TEMPERATURE = Setting.positiveDouble("clusterTemperature", 1.0,
            "Temperature of the softmax that turns cluster logits into confidences.");
    /** The weak and strong views. */
    public static final Setting<BoostAugmentConfig> AUGMENT = Setting.builder("augment", BoostAugmentConfig.class,
            "The weak and strong views.").build();
    /** Evaluate NMI/ACC/ARI every this many epochs when labels exist (0: never). */
    public static final Setting<Integer> EVAL_EVERY = Setting.nonNegativeInt("evalEvery", 1,
            "Evaluate NMI/ACC/ARI every this many epochs when labels exist (0: never).");
    /** Write a checkpoint every this many epochs (and always at the end). */
    public static final Setting<Integer> CHECKPOINT_EVERY = Setting.positiveInt("checkpointEvery", 5,
            "Checkpoint every this many epochs (always at the end, and after the epoch a SIGINT or SIGTERM stops).");
    /**
     * Weight of CC's own cluster loss (the contrastive loss over the K columns plus its entropy term, between the
     * weak and the strong views) added to TCL's losses; 0 is TCL as published. The entropy term keeps every
     * cluster in use, which TCL's cross-entropy alone does not.
     */
    public static final Setting<Double> CC_CLUSTER_LOSS = Setting.nonNegativeDouble("ccClusterLoss", 0,
            "Weight of CC's own cluster loss (contrastive over the K columns, with its entropy term) between the weak"
                    + " and strong views, added to TCL's losses: it keeps every cluster in use where TCL's"
                    + " cross-entropy alone let 3 of 10 clusters empty on Fashion-MNIST; 0 is TCL as published.");

    /** The group. */
    public static final SettingGroup GROUP = SettingGroup.of("Boost", SOURCE, EPOCHS, ALPHA, GAMMA, LEARNING_RATE,
            WEIGHT_DECAY, INSTANCE_TEMPERATURE, CLUSTER_TEMPERATURE, AUGMENT, EVAL_EVERY, CHECKPOINT_EVERY,
            CC_CLUSTER_LOSS);

    private Boost() {
    }
}
