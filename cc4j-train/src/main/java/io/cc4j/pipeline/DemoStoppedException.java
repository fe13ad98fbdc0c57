package io.cc4j.pipeline;

import java.nio.file.Path;

/**
 * The demo's caller asked it to stop (its listener's {@code stopRequested}) before it had scored anything. The run
 * directory named here holds the checkpoint the stop left; nothing after it (boost stage, scores, report) was made.
 */
public final class DemoStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path run;
    private final int epochs;

    /**
     * @param run the run that was stopped (the CC run, or the boost stage's)
     * @param epochs the epochs it completed
     */
    public DemoStoppedException(Path run, int epochs) {
        super("the demo was asked to stop: " + run + " stopped after " + epochs + " epochs; nothing was scored");
        this.run = run;
        this.epochs = epochs;
    }

    /** @return the run that was stopped */
    public Path run() {
        return run;
    }

    /** @return the epochs it completed */
    public int epochs() {
        return epochs;
    }
}
