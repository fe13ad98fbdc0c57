package io.cc4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-epoch metrics file {@code RUN_DIR/metrics.jsonl}, one JSON object per line. The whole file is
 * rewritten atomically after each epoch (it is small), so it never ends in a half line; on resume it is cut
 * back to the epochs the checkpoint covers.
 *
 * <p>Training reads it strictly ({@link #readAll(io.cc4j.run.RunLayout)}); the report reads it leniently
 * ({@link #readLenient(Path)}), so a file cut short or edited by hand still shows the epochs it has.
 */
public final class MetricsLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<EpochRecord> records = new ArrayList<>();

    private MetricsLog(Path file) {
        this.file = file;
    }

    /** A new, empty log for a run (replaces any old file at the first append). */
    public static MetricsLog create(RunLayout run) {
        return new MetricsLog(run.metrics());
    }

    /** Reads the log of a run, keeping epochs up to {@code lastEpoch}. */
    public static MetricsLog read(RunLayout run, int lastEpoch) {
        MetricsLog log = create(run);
        for (EpochRecord r : readAll(run)) {
            if (r.epoch() <= lastEpoch) {
                log.records.add(r);
            }
        }
        return log;
    }

    /** All records of a run's log; empty when the file is missing. */
    public static List<EpochRecord> readAll(RunLayout run) {
        Path f = run.metrics();
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

    /**
     * What a lenient read found.
     *
     * @param records the valid lines in file order
     * @param problems one note per skipped line, naming the file and line; empty when every line was valid
     */
    public record LenientRead(List<EpochRecord> records, List<String> problems) {
        /** Copies both lists. */
        public LenientRead {
            records = List.copyOf(records);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Reads a metrics file leniently: a line that is not a JSON object with an integer {@code "epoch"} is skipped
     * and noted; fields the line lacks, or that are not numbers, become NaN (losses, times) or null (scores), and
     * fields this version does not know are ignored.
     *
     * @param file the {@code metrics.jsonl} file itself
     * @return the valid records and a note per skipped line
     * @throws InvalidInputException naming the file when it cannot be read at all
     */
    public static LenientRead readLenient(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<EpochRecord> records = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                records.add(parseLenient(line));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(file.getFileName() + " line " + (i + 1) + " skipped: " + firstLine(e.getMessage()));
            }
        }
        return new LenientRead(records, problems);
    }

    private static EpochRecord parseLenient(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode epoch = node.get(EpochRecord.EPOCH);
        if (epoch == null || !epoch.canConvertToInt()) {
            throw new IllegalArgumentException("no integer \"epoch\"");
        }
        return new EpochRecord(epoch.intValue(), number(node, EpochRecord.INSTANCE_LOSS),
                number(node, EpochRecord.CLUSTER_LOSS), number(node, EpochRecord.TOTAL_LOSS),
                number(node, EpochRecord.SECONDS), number(node, EpochRecord.IMAGES_PER_SECOND),
                score(node, EpochRecord.NMI), score(node, EpochRecord.ACC), score(node, EpochRecord.ARI),
                score(node, EpochRecord.INSTANCE_ONLY_LOSS), count(node, EpochRecord.SKIPPED_IMAGES));
    }

    private static double number(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    private static Long count(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && v.canConvertToLong() ? v.longValue() : null;
    }

    private static Double score(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
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
