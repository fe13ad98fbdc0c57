package io.cc4j.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A boost run's per-epoch records ({@link RunLayout#boostLog()}, one JSON object per line): written after every
 * epoch, read back to resume (strictly) and by the report (leniently).
 */
public final class BoostLog {
    private static final Logger LOG = LoggerFactory.getLogger(BoostLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private BoostLog() {
    }

    /**
     * Writes the records atomically, replacing the file.
     *
     * @param run the boost run
     * @param history every epoch's record, in order
     */
    public static void write(RunLayout run, List<BoostEpochRecord> history) {
        StringBuilder text = new StringBuilder();
        try {
            for (BoostEpochRecord r : history) {
                text.append(JSON.writeValueAsString(r)).append('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise boost metrics", e);
        }
        AtomicFiles.writeString(run.boostLog(), text.toString());
    }

    /**
     * Reads the records of epochs up to {@code upTo}, to continue the run.
     *
     * @param run the boost run
     * @param upTo the last epoch kept
     * @return the records; empty when the file is missing
     * @throws InvalidInputException naming the file when a line cannot be read
     */
    public static List<BoostEpochRecord> read(RunLayout run, int upTo) {
        List<BoostEpochRecord> records = new ArrayList<>();
        Path file = run.boostLog();
        if (!Files.isRegularFile(file)) {
            return records;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    BoostEpochRecord r = JSON.readValue(line, BoostEpochRecord.class);
                    if (r.epoch() <= upTo) {
                        records.add(r);
                    }
                }
            }
            return records;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param run a run
     * @return the epochs of its boost stage, or empty when it is not a boost run; a damaged line is skipped with a
     *     warning
     */
    public static Optional<List<BoostEpochRecord>> readLenient(RunLayout run) {
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
