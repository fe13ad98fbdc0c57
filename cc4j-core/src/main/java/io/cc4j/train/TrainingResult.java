package io.cc4j.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What a finished (or stopped) training run left behind.
 *
 * @param runDir the run directory
 * @param epochsCompleted epochs trained in total, including those before a resume
 * @param history every epoch's record
 * @param checkpoint the newest checkpoint written
 * @param seconds wall-clock seconds of this invocation
 */
public record TrainingResult(Path runDir, int epochsCompleted, List<EpochRecord> history, Path checkpoint,
        double seconds) {
    /** The last epoch's record, or null when no epoch ran. */
    public EpochRecord last() {
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }
}
