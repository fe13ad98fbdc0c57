package io.cc4j.train;

import java.nio.file.Path;

/**
 * Receives the progress of a training run (progress bars, logs, early stop). All methods have empty
 * defaults; they are called on the training thread.
 */
public interface TrainingListener {
    /**
     * Training (or a resumed run) starts.
     *
     * @param firstEpoch the first epoch this invocation trains (1-based)
     * @param totalEpochs the configured number of epochs
     */
    default void onTrainingStart(int firstEpoch, int totalEpochs) {
    }

    /**
     * An epoch (or its instance-only phase) starts.
     *
     * @param epoch 1-based epoch
     * @param phase "instance-only" or "full"
     * @param batches batches in this phase
     */
    default void onPhaseStart(int epoch, String phase, int batches) {
    }

    /**
     * A batch finished.
     *
     * @param epoch 1-based epoch
     * @param batch 0-based batch within the phase
     * @param instanceLoss this batch's instance loss; NaN for a batch without a step (every image unreadable, or
     *     the first epoch of boost, which only labels)
     * @param clusterLoss this batch's cluster loss (0 in the instance-only phase; NaN as above)
     * @param imagesPerSecond images per second so far in this phase
     */
    default void onBatch(int epoch, int batch, double instanceLoss, double clusterLoss, double imagesPerSecond) {
    }

    /** The phase of an epoch finished. */
    default void onPhaseEnd(int epoch, String phase) {
    }

    /** An epoch finished; {@code record} is what goes into metrics.jsonl. */
    default void onEpochEnd(EpochRecord record) {
    }

    /** An epoch of the boost stage finished; {@code record} is what goes into boost.jsonl. */
    default void onBoostEpochEnd(BoostEpochRecord record) {
    }

    /**
     * A checkpoint was written.
     *
     * @param epoch the epoch it ends, or for a checkpoint in the middle of an epoch the epoch in progress
     * @param file the checkpoint
     */
    default void onCheckpoint(int epoch, Path file) {
    }

    /**
     * Asked after every step (and once before the first): returns true to stop there. A checkpoint at that step is
     * written first (at the end of an epoch an ordinary epoch checkpoint, else a step checkpoint from which
     * {@link Trainer#resume} continues exactly), and training returns a result with
     * {@link TrainingResult#stopped()} set. May be called from the training thread only, but may read a flag set by
     * any thread (a signal handler, a user interface); a listener that wants to stop only between epochs returns
     * true only after {@link #onEpochEnd}.
     */
    default boolean stopRequested() {
        return false;
    }
}
