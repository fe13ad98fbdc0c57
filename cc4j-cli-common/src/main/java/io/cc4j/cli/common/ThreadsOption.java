package io.cc4j.cli.common;

import io.cc4j.InvalidInputException;
import picocli.CommandLine.Option;

/** {@code --threads N}: libtorch's intra-op threads, for the commands that run the network. */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Engine (libtorch intra-op) threads; 0, the default, uses all cores.")
    private int threads;

    /**
     * @return the thread count, 0 for all cores
     * @throws InvalidInputException (exit 2) when it is negative
     */
    public int threads() {
        if (threads < 0) {
            throw new InvalidInputException("--threads must be 0 (all cores) or a positive count, got " + threads);
        }
        return threads;
    }
}
