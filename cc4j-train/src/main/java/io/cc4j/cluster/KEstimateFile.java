package io.cc4j.cluster;

import io.cc4j.io.AtomicFiles;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A K estimate kept in its run ({@link RunLayout#estimateK()}): written by the estimation, read by the report. */
public final class KEstimateFile {
    private static final Logger LOG = LoggerFactory.getLogger(KEstimateFile.class);

    private KEstimateFile() {
    }

    /**
     * Writes the estimate atomically.
     *
     * @param run the run
     * @param estimate the estimate
     */
    public static void write(RunLayout run, KEstimate estimate) {
        AtomicFiles.writeString(run.estimateK(), estimate.toJson());
    }

    /**
     * @param run a run
     * @return the estimate saved in the run, if any and readable (an unreadable one is skipped with a warning)
     */
    public static Optional<KEstimate> read(RunLayout run) {
        Path file = run.estimateK();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(KEstimate.fromJson(Files.readString(file)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }
}
