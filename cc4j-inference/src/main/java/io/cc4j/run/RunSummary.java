package io.cc4j.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
import io.cc4j.metrics.ClusteringScores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's {@code summary.json}: the final scores of each clustering method (NMI, ACC, ARI; FMI and counts when
 * written by cc4j) and scalar facts such as {@code images} and {@code train_seconds}. The one class that writes
 * and reads the file; the report shows it as a table and the server passes it on.
 */
public final class RunSummary {
    /**
     * Final scores of one method; a score the file does not give is NaN.
     *
     * @param name method, for example "CC cluster head"
     * @param nmi normalised mutual information
     * @param acc clustering accuracy under the best one-to-one matching
     * @param ari adjusted Rand index
     */
    public record Result(String name, double nmi, double acc, double ari) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, ClusteringScores> written = new LinkedHashMap<>();
    private final List<Result> results = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    /** An empty summary, to fill with {@link #result} and {@link #fact} and {@link #write}. */
    public RunSummary() {
    }

    /**
     * Adds the scores of one method.
     *
     * @param name the method, e.g. "CC cluster head"
     * @param scores its scores
     * @return this summary
     */
    public RunSummary result(String name, ClusteringScores scores) {
        written.put(name, scores);
        results.removeIf(r -> r.name().equals(name));
        results.add(new Result(name, scores.nmi(), scores.acc(), scores.ari()));
        return this;
    }

    /**
     * Adds a scalar fact (a number, string or boolean).
     *
     * @param key its key, snake_case
     * @param value its value
     * @return this summary
     */
    public RunSummary fact(String key, Object value) {
        facts.put(key, value);
        return this;
    }

    /** @return the results in the order they were added or read */
    public List<Result> results() {
        return Collections.unmodifiableList(results);
    }

    /** @return the scalar facts as text, in the order they were added or read */
    public Map<String, String> scalars() {
        Map<String, String> out = new LinkedHashMap<>();
        facts.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Writes the run's summary file atomically.
     *
     * @param run the run
     */
    public void write(RunLayout run) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode arr = root.putArray("results");
        for (Result r : results) {
            ClusteringScores s = written.get(r.name());
            ObjectNode o = arr.addObject().put("name", r.name()).put("nmi", r.nmi()).put("acc", r.acc())
                    .put("ari", r.ari());
            if (s != null) {
                o.put("fmi", s.fmi()).put("n", s.n()).put("clusters", s.clusters()).put("classes", s.classes());
            }
        }
        facts.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        try {
            AtomicFiles.writeString(run.summary(), JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the summary", e);
        }
    }

    /**
     * Reads a summary file.
     *
     * @param file a {@code summary.json}
     * @return its results and scalar facts
     * @throws InvalidInputException naming the file when it is unreadable or not a JSON object
     */
    public static RunSummary read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(file + " is not a JSON object");
        }
        RunSummary summary = new RunSummary();
        JsonNode rs = root.path("results");
        if (rs.isArray()) {
            int n = 0;
            for (JsonNode r : rs) {
                n++;
                summary.results.add(new Result(r.path("name").asText("method " + n), number(r, "nmi"),
                        number(r, "acc"), number(r, "ari")));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                summary.facts.put(f.getKey(), f.getValue().asText());
            }
        }
        return summary;
    }

    private static double number(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    /** @return a fixed-width table of the results, for terminals */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-28s %7s %7s %7s%n", "method", "NMI", "ACC",
                "ARI"));
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "%-28s %7.4f %7.4f %7.4f%n", r.name(), r.nmi(), r.acc(), r.ari()));
        }
        return sb.toString();
    }
}
