package io.cc4j.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's optional {@code summary.json}: the final scores of each clustering method and scalar facts such as
 * {@code train_seconds} and {@code images}.
 */
public final class Summary {
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

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Result> results;
    private final Map<String, String> scalars;

    private Summary(List<Result> results, Map<String, String> scalars) {
        this.results = List.copyOf(results);
        this.scalars = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    }

    /**
     * Reads a summary file.
     *
     * @param file the {@code summary.json}
     * @return its results and scalar keys
     * @throws InvalidInputException naming the file when it is unreadable or not a JSON object
     */
    public static Summary read(Path file) {
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
        List<Result> results = new ArrayList<>();
        JsonNode rs = root.path("results");
        if (rs.isArray()) {
            int n = 0;
            for (JsonNode r : rs) {
                n++;
                results.add(new Result(r.path("name").asText("method " + n),
                        number(r, "nmi"), number(r, "acc"), number(r, "ari")));
            }
        }
        Map<String, String> scalars = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                scalars.put(f.getKey(), f.getValue().asText());
            }
        }
        return new Summary(results, scalars);
    }

    private static double number(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v != null && v.isNumber() ? v.doubleValue() : Double.NaN;
    }

    /** Results in file order. */
    public List<Result> results() {
        return results;
    }

    /** The top-level scalar keys (numbers, strings, booleans) as text, in file order. */
    public Map<String, String> scalars() {
        return scalars;
    }
}
