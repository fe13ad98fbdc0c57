package io.cc4j.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cc4j.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The result of a search for the number of clusters ({@link KEstimator}): one {@link KScore} row per K, the K
 * each criterion chooses, and the overall choice. Immutable. {@link #toJson()} and {@link #fromJson(String)} give
 * the {@code --json} form (criteria not computed are {@code null}); {@link #table()} the terminal form.
 *
 * <p>Rules, applied to the rows:
 * <ul>
 *   <li>silhouette: the K of largest mean silhouette (ties to the smaller K);</li>
 *   <li>gap: Tibshirani's rule, the smallest K with {@code Gap(K) >= Gap(K+1) - s_(K+1)}
 *       ({@link GapStatistic#choose});</li>
 *   <li>stability: the K of largest mean pairwise ARI, ties to the larger K ({@link SeedStability#choose});</li>
 *   <li>overall ({@link #overallChoice}): the K chosen by the most criteria; when that is a tie (e.g. all three
 *       disagree), the choice of the first criterion in the order silhouette, gap, stability among the tied.
 *       So the silhouette decides unless the other two agree on another K.</li>
 * </ul>
 */
public final class KEstimate {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<KScore> rows;
    private final Map<KCriterion, Integer> choices;
    private final int chosenK;
    private final Settings settings;
    private final double seconds;

    /**
     * What was searched and how: enough to repeat the search.
     *
     * @param rows number of feature vectors given
     * @param sampleRows number used (the seeded sample)
     * @param dimension feature dimension
     * @param normalized whether rows were L2-normalised first
     * @param minK smallest K tried
     * @param maxK largest K tried
     * @param restarts k-means++ starts of each fit on the data
     * @param maxIterations Lloyd iterations per fit
     * @param seed the one seed every random choice derives from
     * @param criteria criteria computed, in the order of {@link KCriterion}
     * @param gapReferences number of gap reference data sets (0 without the gap)
     * @param gapReference reference distribution of the gap ({@code null} without the gap)
     * @param stabilityRuns number of runs compared for stability (0 without stability)
     * @param stabilitySubsample share of the sample each stability run is fitted on
     */
    public record Settings(int rows, int sampleRows, int dimension, boolean normalized, int minK, int maxK,
            int restarts, int maxIterations, long seed, List<KCriterion> criteria, int gapReferences,
            GapStatistic.Reference gapReference, int stabilityRuns, double stabilitySubsample) {
        /** Copies the list of criteria. */
        public Settings {
            criteria = List.copyOf(criteria);
        }
    }

    /**
     * Builds a result and applies the rules.
     *
     * @param rows one row per K, increasing and consecutive
     * @param settings how they were computed
     * @param seconds total wall-clock time
     */
    public KEstimate(List<KScore> rows, Settings settings, double seconds) {
        if (rows.isEmpty()) {
            throw new InvalidInputException("estimate-k: no value of K was evaluated");
        }
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).k() != rows.get(i - 1).k() + 1) {
                throw new InvalidInputException("estimate-k: rows must be consecutive K, got " + rows.get(i - 1).k()
                        + " then " + rows.get(i).k());
            }
        }
        this.rows = List.copyOf(rows);
        this.settings = settings;
        this.seconds = seconds;
        Map<KCriterion, Integer> chosen = new EnumMap<>(KCriterion.class);
        for (KCriterion c : KCriterion.values()) {
            choose(this.rows, c).ifPresent(k -> chosen.put(c, k));
        }
        this.choices = Collections.unmodifiableMap(chosen);
        this.chosenK = overallChoice(chosen).orElseThrow(
                () -> new InvalidInputException("estimate-k: no criterion has a value; nothing to choose from"));
    }

    /** @return one row per K, in increasing K */
    public List<KScore> rows() {
        return rows;
    }

    /** @return the K chosen by each criterion that has values */
    public Map<KCriterion, Integer> choices() {
        return choices;
    }

    /** @return the overall choice (see the class comment for the rule) */
    public int chosenK() {
        return chosenK;
    }

    /** @return how the search was run */
    public Settings settings() {
        return settings;
    }

    /** @return total wall-clock time in seconds */
    public double seconds() {
        return seconds;
    }

    /**
     * The K one criterion chooses from the rows, if any row has a value of it.
     *
     * @param rows rows at increasing, consecutive K
     * @param criterion the criterion
     * @return the chosen K, or empty when the criterion was not computed
     */
    public static OptionalInt choose(List<KScore> rows, KCriterion criterion) {
        List<KScore> valued = new ArrayList<>();
        for (KScore r : rows) {
            if (Double.isFinite(r.value(criterion))) {
                valued.add(r);
            }
        }
        if (valued.isEmpty()) {
            return OptionalInt.empty();
        }
        return switch (criterion) {
            case SILHOUETTE -> {
                KScore best = valued.get(0);
                for (KScore r : valued) {
                    if (r.silhouette() > best.silhouette()) {
                        best = r;
                    }
                }
                yield OptionalInt.of(best.k());
            }
            case GAP -> {
                // Consecutive K only: the rule compares K with K + 1. Rows are consecutive, and the gap is
                // defined at every K, so the valued rows are a consecutive run.
                List<GapStatistic.Gap> gaps = new ArrayList<>();
                for (KScore r : valued) {
                    gaps.add(new GapStatistic.Gap(r.k(), Double.NaN, Double.NaN, r.gap(), Double.NaN, r.gapError()));
                }
                yield OptionalInt.of(GapStatistic.choose(gaps));
            }
            case STABILITY -> {
                List<SeedStability.Stability> values = new ArrayList<>();
                for (KScore r : valued) {
                    values.add(new SeedStability.Stability(r.k(), r.stability(), r.stabilitySd(), 0));
                }
                yield OptionalInt.of(SeedStability.choose(values));
            }
        };
    }

    /**
     * The overall rule: the K chosen by the most criteria; among tied K, the one chosen by the earliest criterion
     * in the order of {@link KCriterion} (silhouette, gap, stability).
     *
     * @param choices the K chosen by each criterion
     * @return the overall K, or empty when there are no choices
     */
    public static OptionalInt overallChoice(Map<KCriterion, Integer> choices) {
        Integer best = null;
        int bestVotes = 0;
        for (KCriterion c : KCriterion.values()) {
            Integer k = choices.get(c);
            if (k == null) {
                continue;
            }
            int votes = 0;
            for (Integer other : choices.values()) {
                if (k.equals(other)) {
                    votes++;
                }
            }
            // Strictly more votes: an earlier criterion keeps a tie.
            if (votes > bestVotes) {
                best = k;
                bestVotes = votes;
            }
        }
        return best == null ? OptionalInt.empty() : OptionalInt.of(best);
    }

    /** @return the row of {@code k}, or {@code null} outside the range */
    public KScore row(int k) {
        int i = k - rows.get(0).k();
        return i >= 0 && i < rows.size() ? rows.get(i) : null;
    }

    /** @return a fixed-width table of the rows and the choices, for terminals */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%5s %14s %11s %18s %15s %8s%n", "K", "inertia", "silhouette",
                "gap +- s", "stability", "seconds"));
        for (KScore r : rows) {
            String gap = Double.isFinite(r.gap())
                    ? String.format(Locale.ROOT, "%8.4f +- %6.4f", r.gap(), r.gapError()) : "-";
            String stability = Double.isFinite(r.stability())
                    ? String.format(Locale.ROOT, "%6.4f +- %5.3f", r.stability(), r.stabilitySd()) : "-";
            sb.append(String.format(Locale.ROOT, "%5d %14.4f %11s %18s %15s %8.2f%s%n", r.k(), r.inertia(),
                    number(r.silhouette()), gap, stability, r.seconds(), r.k() == chosenK ? "  <- chosen" : ""));
        }
        choices.forEach((c, k) -> sb.append(String.format(Locale.ROOT, "%-11s K = %d%n", c.key(), k)));
        sb.append(String.format(Locale.ROOT, "chosen      K = %d (%d of %d vectors, %.1f s)%n", chosenK,
                settings.sampleRows(), settings.rows(), seconds));
        return sb.toString();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    /** @return the result as indented JSON; criteria not computed are {@code null} */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("chosenK", chosenK);
        ObjectNode chosen = root.putObject("choices");
        choices.forEach((c, k) -> chosen.put(c.key(), k));
        root.put("rule", "the K chosen by most criteria; on a tie, the first of silhouette, gap, stability");
        root.put("seconds", seconds);
        ObjectNode s = root.putObject("settings");
        s.put("rows", settings.rows()).put("sampleRows", settings.sampleRows()).put("dimension", settings.dimension())
                .put("normalized", settings.normalized()).put("minK", settings.minK()).put("maxK", settings.maxK())
                .put("restarts", settings.restarts()).put("maxIterations", settings.maxIterations())
                .put("seed", settings.seed());
        ArrayNode criteria = s.putArray("criteria");
        settings.criteria().forEach(c -> criteria.add(c.key()));
        s.put("gapReferences", settings.gapReferences());
        s.put("gapReference", settings.gapReference() == null ? null : settings.gapReference().name());
        s.put("stabilityRuns", settings.stabilityRuns()).put("stabilitySubsample", settings.stabilitySubsample());
        ArrayNode array = root.putArray("rows");
        for (KScore r : rows) {
            ObjectNode o = array.addObject();
            o.put("k", r.k());
            put(o, "inertia", r.inertia());
            put(o, "silhouette", r.silhouette());
            put(o, "gap", r.gap());
            put(o, "gapError", r.gapError());
            put(o, "stability", r.stability());
            put(o, "stabilitySd", r.stabilitySd());
            put(o, "seconds", r.seconds());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the K estimate", e);
        }
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /**
     * Reads the form written by {@link #toJson()}; the choices are recomputed from the rows by the same rules.
     *
     * @param json the text
     * @return the result
     * @throws InvalidInputException if the text is not such a result
     */
    public static KEstimate fromJson(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode s = root.required("settings");
            List<KCriterion> criteria = new ArrayList<>();
            s.required("criteria").forEach(c -> criteria.add(KCriterion.ofKey(c.asText())));
            JsonNode ref = s.get("gapReference");
            Settings settings = new Settings(s.required("rows").asInt(), s.required("sampleRows").asInt(),
                    s.required("dimension").asInt(), s.required("normalized").asBoolean(), s.required("minK").asInt(),
                    s.required("maxK").asInt(), s.required("restarts").asInt(), s.required("maxIterations").asInt(),
                    s.required("seed").asLong(), criteria, s.required("gapReferences").asInt(),
                    ref == null || ref.isNull() ? null : GapStatistic.Reference.valueOf(ref.asText()),
                    s.required("stabilityRuns").asInt(), s.required("stabilitySubsample").asDouble());
            List<KScore> rows = new ArrayList<>();
            for (JsonNode r : root.required("rows")) {
                rows.add(new KScore(r.required("k").asInt(), number(r, "inertia"), number(r, "silhouette"),
                        number(r, "gap"), number(r, "gapError"), number(r, "stability"), number(r, "stabilitySd"),
                        number(r, "seconds")));
            }
            return new KEstimate(rows, settings, root.required("seconds").asDouble());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException("not a K estimate: " + e.getMessage(), e);
        }
    }

    private static double number(JsonNode row, String key) {
        JsonNode v = row.get(key);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    @Override
    public String toString() {
        return "KEstimate[chosenK=" + chosenK + ", choices=" + choices + ", K=" + rows.get(0).k() + ".."
                + rows.get(rows.size() - 1).k() + "]";
    }
}
