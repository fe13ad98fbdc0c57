package io.cc4j.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.run.RunLayout;
import io.cc4j.train.BoostEpochRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a boost run's {@code boost.jsonl} for the report, leniently: a damaged line is skipped with a warning. */
public final class BoostLog {
    private static final Logger LOG = LoggerFactory.getLogger(BoostLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private BoostLog() {
    }

    /**
     * @param run a run
     * @return the epochs of its boost stage, or empty when it is not a boost run
     */
    public static Optional<List<BoostEpochRecord>> read(RunLayout run) {
        Path file = run.boostLog();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<BoostEpochRecord> records = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    records.add(JSON.readValue(line, BoostEpochRecord.class));
                } catch (IOException e) {
                    LOG.warn("{}: skipping an unreadable line ({})", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read {}: {}", file, e.getMessage());
            return Optional.empty();
        }
        return Optional.of(records);
    }
}
