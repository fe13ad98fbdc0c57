package io.cc4j.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What a finished (or stopped) training run left behind.
 *
 * @param runDir the run directory
 * @param epochsCompleted epochs trained in total, including those before a resume
 * @param history every completed epoch's record
 * @param checkpoint the newest checkpoint (written by this invocation, or the one it resumed from), or null
 * @param seconds wall-clock seconds of this invocation
 * @param stopped true when {@link TrainingListener#stopRequested()} stopped the run before its last epoch
 * @param stoppedAt where in an epoch the run stopped, when it stopped in the middle of one (its checkpoint
 *     records the same); null otherwise
 */
public record TrainingResult(Path runDir, int epochsCompleted, List<EpochRecord> history, Path checkpoint,
        double seconds, boolean stopped, EpochProgress stoppedAt) {
    /** A run that was not stopped. */
    public TrainingResult(Path runDir, int epochsCompleted, List<EpochRecord> history, Path checkpoint,
            double seconds) {
        this(runDir, epochsCompleted, history, checkpoint, seconds, false, null);
    }

    /** The last epoch's record, or null when no epoch ran. */
    public EpochRecord last() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
