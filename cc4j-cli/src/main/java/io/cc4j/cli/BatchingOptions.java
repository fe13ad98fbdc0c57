package io.cc4j.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --max-batch} and {@code --max-delay-ms}: how the server's dynamic batcher groups images. */
final class BatchingOptions {
    @Option(names = "--max-batch", defaultValue = "64", paramLabel = "N",
            description = "Most images per forward pass. Default: ${DEFAULT-VALUE}.")
    private int maxBatch;

    @Option(names = "--max-delay-ms", defaultValue = "5", paramLabel = "MS",
            description = "Longest a forward pass waits for images already arriving. Default: ${DEFAULT-VALUE}.")
    private long maxDelayMs;

    /** @return the largest batch */
    int maxBatch() {
        return maxBatch;
    }

    /** @return the longest wait */
    Duration maxDelay() {
        return Duration.ofMillis(maxDelayMs);
    }
}
