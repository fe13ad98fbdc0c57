package io.cc4j.pipeline;

import io.cc4j.option.InvalidSettingException;
import io.cc4j.InvalidInputException;
import java.nio.file.Path;

/**
 * Options of the Fashion-MNIST demo.
 *
 * @param dataDir directory with the four Fashion-MNIST IDX .gz files
 * @param out run directory
 * @param minutes wall-clock budget of the training phase (the demo stops training when it is spent)
 * @param full train on all 70,000 images with more epochs instead of the CPU-sized subset
 * @param seed the one seed
 * @param threads engine threads (0: all cores)
 */
public record DemoConfig(Path dataDir, Path out, double minutes, boolean full, long seed, int threads) {
    /** Validates the values. */
    public DemoConfig {
        if (!(minutes > 0)) {
            throw InvalidSettingException.naming("minutes", name -> name + " must be > 0, got " + minutes);
        }
        if (threads < 0) {
            throw InvalidSettingException.naming("threads", name -> name + " must be >= 0, got " + threads);
        }
    }
}
