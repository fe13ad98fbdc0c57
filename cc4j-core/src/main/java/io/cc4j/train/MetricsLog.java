package io.cc4j.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-epoch metrics file {@code RUN_DIR/metrics.jsonl}, one JSON object per line. The whole file is
 * rewritten atomically after each epoch (it is small), so it never ends in a half line; on resume it is cut
 * back to the epochs the checkpoint covers.
 */
public final class MetricsLog {
    /** File name inside the run directory. */
    public static final String FILE_NAME = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<EpochRecord> records = new ArrayList<>();

    private MetricsLog(Path file) {
        this.file = file;
    }

    /** A new, empty log for a run directory (replaces any old file at the first append). */
    public static MetricsLog create(Path runDir) {
        return new MetricsLog(runDir.resolve(FILE_NAME));
    }

    /** Reads the log of a run directory, keeping epochs up to {@code lastEpoch}. */
    public static MetricsLog read(Path runDir, int lastEpoch) {
        MetricsLog log = create(runDir);
        for (EpochRecord r : readAll(runDir)) {
            if (r.epoch() <= lastEpoch) {
                log.records.add(r);
            }
        }
        return log;
    }

    /** All records of a run directory's log; empty when the file is missing. */
    public static List<EpochRecord> readAll(Path runDir) {
        Path f = runDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        List<EpochRecord> out = new ArrayList<>();
        try {
            int lineNo = 0;
            for (String line : Files.readAllLines(f)) {
                lineNo++;
                if (!line.isBlank()) {
                    try {
                        out.add(JSON.readValue(line, EpochRecord.class));
                    } catch (IOException e) {
                        throw new InvalidInputException(f + " line " + lineNo + " is not a metrics record: "
                                + e.getMessage(), e);
                    }
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + f + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Records so far. */
    public List<EpochRecord> records() {
        return List.copyOf(records);
    }

    /** Appends a record and rewrites the file atomically. */
    public void append(EpochRecord record) {
        records.add(record);
        StringBuilder sb = new StringBuilder();
        try {
            for (EpochRecord r : records) {
                sb.append(JSON.writeValueAsString(r)).append('\n');
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise metrics", e);
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
