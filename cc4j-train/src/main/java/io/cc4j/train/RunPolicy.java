package io.cc4j.train;

import io.cc4j.augment.Augmentation;
import io.cc4j.model.MemoryLayouts;
import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;

/**
 * How a run behaves around the training itself: the seed every random choice derives from, engine threads,
 * evaluation, checkpoints and the memory layout of the backbone's data.
 */
public final class RunPolicy {
    /** The one seed every random choice derives from. */
    public static final Setting<Long> SEED = Setting.builder("seed", Long.class,
            "The one seed of every random choice.").defaultValue(42L).build();
    /** Engine threads (0: all cores). */
    public static final Setting<Integer> THREADS = Setting.nonNegativeInt("threads", 0,
            "Engine (libtorch intra-op) threads (0: all cores).");
    /** Evaluate NMI/ACC/ARI every this many epochs when labels exist (0: never). */
    public static final Setting<Integer> EVAL_EVERY = Setting.nonNegativeInt("evalEvery", 1,
            "Evaluate NMI/ACC/ARI every this many epochs when labels exist (0: never).");
    /** Images in the fixed evaluation subset. */
    public static final Setting<Integer> EVAL_SUBSET = Setting.positiveInt("evalSubset", 2000,
            "Images in the fixed evaluation subset.");
    /** Write a checkpoint every this many epochs (and always at the end). */
    public static final Setting<Integer> CHECKPOINT_EVERY = Setting.positiveInt("checkpointEvery", 10,
            "Checkpoint every this many epochs (and always at the end).");
    /**
     * Also write a checkpoint at the end of the step once this many minutes have passed since the last one, in
     * the middle of an epoch if need be, so that no more work than that is lost when the process dies (0: only
     * every {@link #CHECKPOINT_EVERY} epochs).
     */
    public static final Setting<Double> CHECKPOINT_MINUTES = Setting.nonNegativeDouble("checkpointMinutes", 15,
            "Also checkpoint at the end of the step when this many minutes have passed since the last checkpoint,"
                    + " in the middle of an epoch if need be (0: only the epoch checkpoints).");
    /**
     * Epoch checkpoints kept (of the checkpoints taken in the middle of an epoch only the newest is kept, and only
     * until a newer checkpoint exists).
     */
    public static final Setting<Integer> KEEP_CHECKPOINTS = Setting.positiveInt("keepCheckpoints", 3,
            "Epoch checkpoints kept.");
    /**
     * Run the backbone on channels-last (NHWC) data: the same numbers to rounding, other kernels. By default on where
     * it was measured faster ({@link MemoryLayouts}).
     */
    public static final Setting<Boolean> CHANNELS_LAST = Setting.builder("channelsLast", Boolean.class,
            "Run the backbone on channels-last (NHWC) data, or on channels-first (NCHW) data: the same numbers to"
                    + " rounding, computed by other libtorch kernels.")
            .derived(s -> MemoryLayouts.trainingChannelsLast(s.get(Model.STEM), s.get(Augmentation.SIZE)),
                    "channels-last where it was measured faster for the stem and size (the ImageNet stem, or the CIFAR stem"
                            + " below 64 px)").build();

    /** The group. */
    public static final SettingGroup GROUP = SettingGroup.of("Run policy", SEED, THREADS, EVAL_EVERY, EVAL_SUBSET,
            CHECKPOINT_EVERY, CHECKPOINT_MINUTES, KEEP_CHECKPOINTS, CHANNELS_LAST);

    private RunPolicy() {
    }
}
