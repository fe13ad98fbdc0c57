package io.cc4j.train;

import io.cc4j.InvalidInputException;
import java.nio.file.Path;

/**
 * A new run was asked for in a directory that already holds one: starting over there would mix two runs. The
 * caller resumes it or picks another directory.
 */
public final class RunExistsException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** The directory that holds the run. */
    private final transient Path runDir;

    /**
     * @param runDir the directory that holds the run
     * @param holds what it holds, e.g. "a training run"
     */
    public RunExistsException(Path runDir, String holds) {
        this(runDir, holds, "resume it, or choose another run directory");
    }

    /**
     * @param runDir the directory that holds the run
     * @param holds what it holds, e.g. "a run"
     * @param advice what to do instead, e.g. "choose another run directory"
     */
    public RunExistsException(Path runDir, String holds, String advice) {
        super(runDir + " already holds " + holds + ": " + advice);
        this.runDir = runDir;
    }

    /** @return the directory that holds the run */
    public Path runDir() {
        return runDir;
    }
}
