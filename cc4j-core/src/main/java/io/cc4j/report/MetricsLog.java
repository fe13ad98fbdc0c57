package io.cc4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-epoch lines of a run's {@code metrics.jsonl}: losses, timing and, on evaluation epochs, NMI/ACC/ARI.
 *
 * <p>Each line is one JSON object of numbers with at least {@code "epoch"}. A line that is not such an object
 * (typically the last one, cut short by a crash) is skipped and reported in {@link #problems()}, so a report of
 * an interrupted run still shows the epochs that completed.
 */
public final class MetricsLog {
    /** One epoch's numbers, keyed by field name in file order. */
    public record Epoch(int epoch, Map<String, Double> values) {
        /** Copies the map so the record stays immutable. */
        public Epoch {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** The value of {@code key}, if this line has it. */
        public Optional<Double> get(String key) {
            return Optional.ofNullable(values.get(key));
        }
    }

    /** A series of (epoch, value) points of one field. */
    public record Series(String key, double[] epochs, double[] values) {
        /** Number of points. */
        public int size() {
            return epochs.length;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Epoch> epochs;
    private final List<String> problems;

    private MetricsLog(List<Epoch> epochs, List<String> problems) {
        this.epochs = List.copyOf(epochs);
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads a metrics file.
     *
     * @param file the {@code metrics.jsonl}
     * @return its valid lines, with a note per skipped line
     * @throws InvalidInputException naming the file when it cannot be read at all
     */
    public static MetricsLog read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<Epoch> epochs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                epochs.add(parse(line));
            } catch (IOException | IllegalArgumentException e) {
                problems.add(file.getFileName() + " line " + (i + 1) + " skipped: " + firstLine(e.getMessage()));
            }
        }
        return new MetricsLog(epochs, problems);
    }

    private static Epoch parse(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode epoch = node.get("epoch");
        if (epoch == null || !epoch.canConvertToInt()) {
            throw new IllegalArgumentException("no integer \"epoch\"");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isNumber()) {
                values.put(f.getKey(), f.getValue().doubleValue());
            }
        }
        return new Epoch(epoch.intValue(), values);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The valid lines in file order. */
    public List<Epoch> epochs() {
        return epochs;
    }

    /** One note per skipped line; empty when the whole file was valid. */
    public List<String> problems() {
        return problems;
    }

    /** Whether any line has {@code key}. */
    public boolean has(String key) {
        return epochs.stream().anyMatch(e -> e.values().containsKey(key));
    }

    /** The points of {@code key} over the epochs that have it (NaN/infinite values are left out). */
    public Series series(String key) {
        List<double[]> pts = new ArrayList<>();
        for (Epoch e : epochs) {
            Double v = e.values().get(key);
            if (v != null && Double.isFinite(v)) {
                pts.add(new double[] {e.epoch(), v});
            }
        }
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new Series(key, x, y);
    }

    /** The last line that has {@code key}, if any. */
    public Optional<Epoch> lastWith(String key) {
        for (int i = epochs.size() - 1; i >= 0; i--) {
            if (epochs.get(i).values().containsKey(key)) {
                return Optional.of(epochs.get(i));
            }
        }
        return Optional.empty();
    }
}
