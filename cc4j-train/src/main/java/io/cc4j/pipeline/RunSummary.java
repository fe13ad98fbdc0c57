package io.cc4j.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cc4j.io.AtomicFiles;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code RUN_DIR/summary.json}: the final figures of a run, one entry per clustering method, plus scalar
 * facts (images, epochs, seconds). The report shows it as a table.
 */
public final class RunSummary {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, ClusteringScores> results = new LinkedHashMap<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    /** Adds the scores of one method, e.g. "CC cluster head". */
    public RunSummary result(String name, ClusteringScores scores) {
        results.put(name, scores);
        return this;
    }

    /** Adds a scalar fact. */
    public RunSummary fact(String key, Object value) {
        facts.put(key, value);
        return this;
    }

    /** The scores by method name. */
    public Map<String, ClusteringScores> results() {
        return Map.copyOf(results);
    }

    /** Writes the run's summary file atomically. */
    public void write(RunLayout run) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode arr = root.putArray("results");
        results.forEach((name, s) -> arr.addObject().put("name", name).put("nmi", s.nmi()).put("acc", s.acc())
                .put("ari", s.ari()).put("fmi", s.fmi()).put("n", s.n()).put("clusters", s.clusters())
                .put("classes", s.classes()));
        facts.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        try {
            AtomicFiles.writeString(run.summary(), JSON.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise summary", e);
        }
    }

    /** A fixed-width table of the results, for terminals. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format("%-28s %7s %7s %7s%n", "method", "NMI", "ACC", "ARI"));
        results.forEach((name, s) -> sb.append(String.format("%-28s %7.4f %7.4f %7.4f%n", name, s.nmi(), s.acc(), s.ari())));
        return sb.toString();
    }
}
