package io.cc4j.report;

import io.cc4j.cluster.KEstimate;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The result of {@code cc4j estimate-k} kept in a run directory ({@code estimate-k.json}). */
public final class EstimateFile {
    private static final Logger LOG = LoggerFactory.getLogger(EstimateFile.class);

    private EstimateFile() {
    }

    /** @return the estimate saved in the run, if any and readable */
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
