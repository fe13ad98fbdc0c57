package io.cc4j.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.io.AtomicFiles;
import io.cc4j.model.FeatureKind;
import io.cc4j.model.store.CheckpointStore;
import io.cc4j.model.store.StoredModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one owner of a run directory: every file a run holds is named here, and the trainer, the predictor, the
 * report, the server, Spark and the command line find them through it.
 *
 * <pre>
 * RUN_DIR/
 *   config.json              the resolved training configuration          {@link #config()}
 *   metrics.jsonl            one line per epoch                            {@link #metrics()}
 *   checkpoints/epoch-*.ckpt the model, optimizer and where training stood {@link #checkpoints()}
 *   assignments.csv          the cluster of every training image           {@link #assignments()}
 *   summary.json             final scores and facts                        {@link #summary()}
 *   kmeans-FEATURE.json      the k-means ablation's centroids              {@link #centroids(FeatureKind)}
 *   batchnorm-counters.json  BatchNorm step counters of an imported model  {@link #batchNormCounters()}
 *   boost.json, boost.jsonl  a boost run's options and epochs              {@link #boostConfig()}, {@link #boostLog()}
 *   boost/                   the demo's boost stage, a run of its own       {@link #boostStage()}
 *   estimate-k.json          the K estimate                                {@link #estimateK()}
 *   merge-K.json             the clusters a merge down to K joined         {@link #mergeMapping(int)}
 *   report/index.html        the report and its figures                    {@link #report()}
 *   .lock                    held by the process training in it           {@link #lock()}
 * </pre>
 *
 * <p>The files' formats belong to the classes that write them (the configuration to the trainer, assignments to
 * the predictor's CSV writer, metrics to the training log); this class reads what every layer needs of a run: its
 * configuration as JSON, the datasets it names, its summary and its newest model.
 */
public final class RunLayout {
    private static final String CONFIG = "config.json";
    private static final String METRICS = "metrics.jsonl";
    private static final String CHECKPOINTS = "checkpoints";
    private static final String ASSIGNMENTS = "assignments.csv";
    private static final String SUMMARY = "summary.json";
    private static final String REPORT = "report";
    private static final String BOOST_CONFIG = "boost.json";
    private static final String BOOST_LOG = "boost.jsonl";
    private static final String BOOST_STAGE = "boost";
    private static final String ESTIMATE_K = "estimate-k.json";
    private static final String BATCHNORM_COUNTERS = "batchnorm-counters.json";
    private static final String LOCK = ".lock";
    /** Temporary files {@link AtomicFiles} leaves when killed mid-write: ".NAME.RANDOM.tmp". */
    private static final Pattern TEMPORARY = Pattern.compile("\\.(" + String.join("|", Stream.of(CONFIG, METRICS,
            ASSIGNMENTS, SUMMARY, BOOST_CONFIG, BOOST_LOG, ESTIMATE_K, BATCHNORM_COUNTERS).map(Pattern::quote).toList())
            + "|kmeans-[a-z]+\\.json|merge-\\d+\\.json)\\..*\\.tmp");
    /** The largest configuration file read (a real one is a few kilobytes). */
    private static final long MAX_CONFIG_BYTES = 16 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    private RunLayout(Path dir) {
        this.dir = dir;
    }

    /**
     * @param dir a run directory (it need not exist yet)
     * @return its layout
     */
    public static RunLayout of(Path dir) {
        return new RunLayout(java.util.Objects.requireNonNull(dir, "dir"));
    }

    /**
     * The run a checkpoint file belongs to: the directory above {@code checkpoints/}, or the file's own directory
     * for a checkpoint kept elsewhere.
     *
     * @param checkpoint a checkpoint file
     * @return the layout of its run
     */
    public static RunLayout ofCheckpoint(Path checkpoint) {
        Path parent = checkpoint.toAbsolutePath().normalize().getParent();
        boolean inRun = parent.getFileName() != null && parent.getFileName().toString().equals(CHECKPOINTS)
                && parent.getParent() != null;
        return new RunLayout(inRun ? parent.getParent() : parent);
    }

    /** @return the run directory */
    public Path dir() {
        return dir;
    }

    /** @return the resolved training configuration, JSON */
    public Path config() {
        return dir.resolve(CONFIG);
    }

    /** @return the per-epoch metrics, one JSON object per line */
    public Path metrics() {
        return dir.resolve(METRICS);
    }

    /** @return the checkpoints of this run */
    public CheckpointStore checkpoints() {
        return new CheckpointStore(dir.resolve(CHECKPOINTS));
    }

    /** @return the cluster assignment of every training image, CSV */
    public Path assignments() {
        return dir.resolve(ASSIGNMENTS);
    }

    /** @return the final scores per method and the run's facts, JSON */
    public Path summary() {
        return dir.resolve(SUMMARY);
    }

    /** @return the directory of the HTML report and its figures */
    public Path reportDir() {
        return dir.resolve(REPORT);
    }

    /** @return the report's page */
    public Path report() {
        return reportFile("index.html");
    }

    /**
     * @param name a figure's file name, e.g. {@code loss.png}
     * @return the figure's place in the report directory
     */
    public Path reportFile(String name) {
        return reportDir().resolve(name);
    }

    /**
     * @param cluster a cluster index
     * @return the report's grid of that cluster's most confident images
     */
    public Path clusterGallery(int cluster) {
        return reportFile(String.format(Locale.ROOT, "cluster-%03d-top.png", cluster));
    }

    /**
     * @param cluster a cluster index
     * @return the report's grid of that cluster's least confident images
     */
    public Path clusterGalleryLeastConfident(int cluster) {
        return reportFile(String.format(Locale.ROOT, "cluster-%03d-low.png", cluster));
    }

    /**
     * @param feature the features the centroids live in
     * @return the saved centroids of the k-means ablation in that feature space, JSON
     */
    public Path centroids(FeatureKind feature) {
        return dir.resolve("kmeans-" + feature.name().toLowerCase(Locale.ROOT) + ".json");
    }

    /** @return the BatchNorm step counters an imported model carried, JSON */
    public Path batchNormCounters() {
        return dir.resolve(BATCHNORM_COUNTERS);
    }

    /** @return a boost run's options, JSON */
    public Path boostConfig() {
        return dir.resolve(BOOST_CONFIG);
    }

    /** @return a boost run's per-epoch records, one JSON object per line */
    public Path boostLog() {
        return dir.resolve(BOOST_LOG);
    }

    /** @return the run directory of a boost stage that belongs to this run (the demo's), a run of its own */
    public Path boostStage() {
        return dir.resolve(BOOST_STAGE);
    }

    /** @return the K estimate, JSON */
    public Path estimateK() {
        return dir.resolve(ESTIMATE_K);
    }

    /** @return the report's chart of the K estimate */
    public Path estimateKChart() {
        return reportFile("estimate-k.png");
    }

    /**
     * @param into the cluster count merged down to
     * @return which clusters a merge down to {@code into} joined, JSON
     */
    public Path mergeMapping(int into) {
        return dir.resolve("merge-" + into + ".json");
    }

    /** @return the lock file of the process training in the run */
    public Path lock() {
        return dir.resolve(LOCK);
    }

    /** @return whether the run holds at least one checkpoint */
    public boolean hasCheckpoints() {
        return !checkpoints().list().isEmpty();
    }

    /**
     * Loads the newest checkpoint's model. A corrupt newest checkpoint is an error naming the file: inference never
     * silently falls back to an older model.
     *
     * @return the model (the caller closes it)
     * @throws InvalidInputException naming the directory or file when there is no readable model
     */
    public StoredModel newestModel() {
        return StoredModel.load(newestCheckpoint());
    }

    /**
     * The newest checkpoint file (by its name: epoch, then step), without reading it.
     *
     * @return the file
     * @throws InvalidInputException naming the directory when it is missing or holds no checkpoint
     */
    public Path newestCheckpoint() {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("run directory not found: " + dir);
        }
        return checkpoints().latest().orElseThrow(() -> new InvalidInputException("no trained model in " + dir
                + " (no " + CHECKPOINTS + "/epoch-*.ckpt)"));
    }

    /**
     * Writes the configuration atomically.
     *
     * @param json the configuration as JSON text
     */
    public void writeConfig(String json) {
        AtomicFiles.writeString(config(), json);
    }

    /**
     * Reads a small text file of the run, such as a configuration, refusing one too large to be what it claims.
     *
     * @param file the file
     * @param what what the file is, for messages
     * @return its text
     * @throws InvalidInputException naming the file when it is missing, too large or unreadable
     */
    public static String readSmallText(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(what + " not found: " + file);
        }
        try {
            long size = Files.size(file);
            if (size > MAX_CONFIG_BYTES) {
                throw new InvalidInputException(what + " " + file + " has " + size + " bytes; a configuration is a few"
                        + " kilobytes");
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The configuration as a JSON object.
     *
     * @return the object, or empty when {@code config.json} is missing
     * @throws InvalidInputException naming the file when it exists but is not a JSON object
     */
    public Optional<JsonNode> readConfig() {
        return readJsonObject(config());
    }

    /**
     * The summary as a JSON object.
     *
     * @return the object, or empty when {@code summary.json} is missing
     * @throws InvalidInputException naming the file when it exists but is not a JSON object
     */
    public Optional<JsonNode> readSummary() {
        return readJsonObject(summary());
    }

    private static Optional<JsonNode> readJsonObject(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new InvalidInputException(file + " is not a JSON object");
            }
            return Optional.of(node);
        } catch (IOException e) {
            throw new InvalidInputException(file + " is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /**
     * The dataset specs the configuration's {@code "data"} names (a list or one string).
     *
     * @return the specs; empty when there is no configuration or it names none
     * @throws InvalidInputException naming the file when it is corrupt
     */
    public List<String> dataSpecs() {
        return dataSpecs(readConfig().orElse(null));
    }

    /**
     * @param config a run's configuration, or null
     * @return the dataset specs its {@code "data"} names (a list or one string)
     */
    public static List<String> dataSpecs(JsonNode config) {
        List<String> specs = new ArrayList<>();
        JsonNode data = config == null ? null : config.get("data");
        if (data != null && data.isArray()) {
            data.forEach(d -> specs.add(d.asText()));
        } else if (data != null && data.isTextual()) {
            specs.add(data.asText());
        }
        return specs;
    }

    /**
     * Opens the dataset the configuration names: its one spec, or all of them joined in order.
     *
     * @return the dataset, or empty when the configuration names none
     * @throws InvalidInputException naming the spec or file when a dataset cannot be opened
     */
    public Optional<ImageDataset> openDataset() {
        List<String> specs = dataSpecs();
        return specs.isEmpty() ? Optional.empty() : Optional.of(DatasetSpec.openAll(specs));
    }

    /**
     * Removes what a killed process left half-written: temporary files beside the run's files and its checkpoints.
     *
     * @return how many files were removed (one that cannot be is left with a warning)
     */
    public int removeTemporaries() {
        return checkpoints().removeTemporaries() + AtomicFiles.removeTemporaries(dir, TEMPORARY);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
