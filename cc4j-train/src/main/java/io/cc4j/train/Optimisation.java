package io.cc4j.train;

import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;

/**
 * How a run optimises: batches, epochs, Adam and the two temperatures, with the official code's defaults (batch
 * 256, Adam lr 3e-4 without weight decay, tau_I 0.5, tau_C 1.0), and whether the two views share a forward pass.
 */
public final class Optimisation {
    /** Images per batch, each giving two views. */
    public static final Setting<Integer> BATCH_SIZE = Setting.intAtLeast("batchSize", 2, 256,
            "Images per batch, two views each.");
    /** Epochs to train. */
    public static final Setting<Integer> EPOCHS = Setting.positiveInt("epochs", 20, "Epochs to train.");
    /** Adam learning rate. */
    public static final Setting<Double> LEARNING_RATE = Setting.positiveDouble("learningRate", 3e-4,
            "Adam learning rate.");
    /** L2 weight decay as torch.optim.Adam applies it. */
    public static final Setting<Double> WEIGHT_DECAY = Setting.nonNegativeDouble("weightDecay", 0,
            "Adam L2 weight decay.");
    /** tau_I, the temperature of the instance loss. */
    public static final Setting<Double> INSTANCE_TEMPERATURE = Setting.positiveDouble("instanceTemperature", 0.5,
            "tau_I, the temperature of the instance loss.");
    /** tau_C, the temperature of the cluster loss. */
    public static final Setting<Double> CLUSTER_TEMPERATURE = Setting.positiveDouble("clusterTemperature", 1.0,
            "tau_C, the temperature of the cluster loss.");
    /**
     * Run the two views through the network as two batches, as the official code does (per-view BatchNorm
     * statistics); off runs them as one batch of 2N, faster at small image sizes.
     */
    public static final Setting<Boolean> SEPARATE_VIEWS = Setting.flag("separateViews", false,
            "Two forward passes per step, one per view (the official code's per-view BatchNorm statistics; the"
                    + " paper presets' choice); off: one joint pass, faster on small images.");

    /** The group. */
    public static final SettingGroup GROUP = SettingGroup.of("Optimisation", BATCH_SIZE, EPOCHS, LEARNING_RATE,
            WEIGHT_DECAY, INSTANCE_TEMPERATURE, CLUSTER_TEMPERATURE, SEPARATE_VIEWS);

    private Optimisation() {
    }
}
