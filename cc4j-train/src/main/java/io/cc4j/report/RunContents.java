package io.cc4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cc4j.InvalidInputException;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.inference.AssignmentsCsv;
import io.cc4j.run.RunLayout;
import io.cc4j.run.RunSummary;
import io.cc4j.train.EpochRecord;
import io.cc4j.train.MetricsLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run holds, read leniently for the report: its configuration, metrics, assignments and summary (located by
 * {@link RunLayout}). A file that is missing or corrupt is left empty and described in {@link #problems()}, so a
 * report can show everything else.
 */
public final class RunContents {
    private static final Logger LOG = LoggerFactory.getLogger(RunContents.class);

    private final RunLayout run;
    private final List<String> problems = new ArrayList<>();
    private final JsonNode config;
    private final List<EpochRecord> metrics;
    private final AssignmentsCsv.Rows assignments;
    private final RunSummary summary;

    private RunContents(RunLayout run) {
        this.run = run;
        this.config = load(run.config(), true, f -> run.readConfig().orElse(null));
        MetricsLog.LenientRead log = load(run.metrics(), true, MetricsLog::readLenient);
        this.metrics = log == null ? null : log.records();
        if (log != null) {
            problems.addAll(log.problems());
        }
        this.assignments = load(run.assignments(), true, AssignmentsCsv::read);
        this.summary = load(run.summary(), false, RunSummary::read);
    }

    /**
     * Reads the files of a run.
     *
     * @param dir the run directory
     * @return its contents, with a note for each missing or corrupt file
     * @throws InvalidInputException naming {@code dir} when it does not exist or is not a directory
     */
    public static RunContents open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("run directory " + dir + (Files.exists(dir)
                    ? " is not a directory" : " does not exist"));
        }
        return new RunContents(RunLayout.of(dir));
    }

    private <T> T load(Path file, boolean expected, Function<Path, T> reader) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            if (expected) {
                problems.add(name + " is missing");
            }
            return null;
        }
        try {
            return reader.apply(file);
        } catch (InvalidInputException e) {
            LOG.warn("{}", e.getMessage());
            problems.add(name + " is unreadable: " + e.getMessage());
            return null;
        }
    }

    /** The run's layout. */
    public RunLayout layout() {
        return run;
    }

    /** The run directory. */
    public Path dir() {
        return run.dir();
    }

    /** One note per missing or corrupt file (or skipped metrics line); empty when all is well. */
    public List<String> problems() {
        return List.copyOf(problems);
    }
    /**
     * The configuration flattened to one level: nested objects become dotted keys ({@code "augment.crop"}),
     * arrays of plain values as a comma-separated list, other arrays as JSON text. Empty when {@code config.json}
     * is missing or corrupt.
     */
    public Map<String, String> configuration() {
        Map<String, String> out = new LinkedHashMap<>();
        if (config != null) {
            flatten("", config, out);
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = prefix + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject() && v.size() > 0) {
                flatten(key + ".", v, out);
            } else if (v.isValueNode()) {
                out.put(key, scalar(v));
            } else if (v.isArray() && allScalars(v)) {
                List<String> items = new ArrayList<>();
                v.forEach(item -> items.add(scalar(item)));
                out.put(key, String.join(", ", items));
            } else {
                out.put(key, v.toString());
            }
        }
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isValueNode()) {
                return false;
            }
        }
        return true;
    }

    private static String scalar(JsonNode v) {
        // Plain decimals: a learning rate reads 0.0003, not 3.0E-4.
        if (v.isFloatingPointNumber() && Double.isFinite(v.doubleValue())) {
            String s = Double.toString(v.doubleValue());
            return s.contains("E") ? java.math.BigDecimal.valueOf(v.doubleValue()).stripTrailingZeros().toPlainString()
                    : s;
        }
        return v.asText();
    }

    /** The dataset specs of the configuration's {@code "data"} (a list or one string); empty if absent. */
    public List<String> dataSpecs() {
        return RunLayout.dataSpecs(config);
    }

    /**
     * Opens the dataset the configuration names: its one {@code "data"} spec, or all of them joined in order.
     *
     * @return the dataset, or empty when the configuration names none
     * @throws InvalidInputException naming the spec or file when a dataset cannot be opened
     */
    public Optional<ImageDataset> openDataset() {
        List<String> specs = dataSpecs();
        return specs.isEmpty() ? Optional.empty() : Optional.of(DatasetSpec.openAll(specs));
    }

    /** The configured number of clusters {@code "clusters"}, if present. */
    public Optional<Integer> clusters() {
        JsonNode k = config == null ? null : config.get("clusters");
        return k != null && k.canConvertToInt() ? Optional.of(k.intValue()) : Optional.empty();
    }

    /** The valid lines of {@code metrics.jsonl} in file order, if it was readable; skipped lines are in {@link #problems()}. */
    public Optional<List<EpochRecord>> metrics() {
        return Optional.ofNullable(metrics);
    }

    /** The assignments, if {@code assignments.csv} was readable. */
    public Optional<AssignmentsCsv.Rows> assignments() {
        return Optional.ofNullable(assignments);
    }

    /** The summary, if {@code summary.json} exists and was readable. */
    public Optional<RunSummary> summary() {
        return Optional.ofNullable(summary);
    }
}
