package io.cc4j.serve;

import java.nio.file.Path;

/** The shared tiny trained run, for tests in other packages of this module. */
public final class TestRuns {
    private TestRuns() {
    }

    /** @return the run directory of {@link TestRun}, trained on first use */
    public static Path trained() {
        return TestRun.get();
    }
}
