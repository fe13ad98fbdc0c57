package io.cc4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cc4j.InvalidInputException;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.run.RunLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of {@code GET /v1/model}, built once at start: K, input size, backbone, stem, width and feature
 * dimension; the training data (specs and fingerprints) and epochs; the final scores of the run's
 * {@code summary.json} when present; the provenance stored in the checkpoint; and the server's limits.
 */
final class ModelDescription {
    private static final Logger LOG = LoggerFactory.getLogger(ModelDescription.class);

    private ModelDescription() {
    }

    static byte[] of(RunLayout run, ClusterPredictor predictor, ServerOptions options, ClusterExamples examples) {
        Path runDir = run.dir();
        ModelSpec spec = predictor.spec();
        ObjectNode root = Json.object();
        root.put("clusters", predictor.clusters());
        root.put("input_size", spec.imageSize());
        root.put("backbone", spec.backbone().name().toLowerCase(Locale.ROOT));
        root.put("stem", spec.stem().id());
        root.put("width", spec.width());
        root.put("feature_dim", spec.featureDim());
        root.put("representation_dim", spec.representationDim());
        root.put("method", predictor.method().name().toLowerCase(Locale.ROOT));
        root.put("memory_layout", predictor.channelsLast() ? "channels-last" : "channels-first");
        root.put("run", runDir.toAbsolutePath().normalize().getFileName().toString());
        predictor.checkpoint().ifPresent(f -> root.put("checkpoint", f.getFileName().toString()));

        Checkpoint.Header header = predictor.header().orElse(null);
        ObjectNode training = root.putObject("training");
        if (header != null) {
            training.put("epochs", header.epoch());
            training.put("checkpoint_format", header.format());
        }
        ArrayNode data = training.putArray("data");
        dataSpecs(run).forEach(data::add);
        training.set("scores", summary(run));
        examples.sizes().ifPresent(sizes -> {
            ArrayNode array = training.putArray("cluster_sizes");
            for (long s : sizes) {
                array.add(s);
            }
        });
        training.put("examples", examples.source());
        root.set("provenance", header == null || header.provenance() == null ? null
                : Json.MAPPER.valueToTree(header.provenance()));

        ObjectNode limits = root.putObject("limits");
        limits.put("max_batch", options.maxBatch());
        limits.put("max_delay_ms", options.maxDelay().toMillis());
        limits.put("max_body_bytes", options.maxBodyBytes());
        limits.put("max_pixels", options.maxPixels());
        limits.put("max_images", options.maxImages());
        limits.put("queue", options.queue());
        return Json.bytes(root);
    }

    /** The run's summary as it is (scores per method and facts), or null when absent or unreadable. */
    private static JsonNode summary(RunLayout run) {
        try {
            return run.readSummary().orElse(null);
        } catch (InvalidInputException e) {
            LOG.warn("{}", e.getMessage());
            return null;
        }
    }

    /** The dataset specs the run's configuration names; none when it is missing or unreadable. */
    private static List<String> dataSpecs(RunLayout run) {
        try {
            return run.dataSpecs();
        } catch (InvalidInputException e) {
            LOG.warn("{}", e.getMessage());
            return List.of();
        }
    }
}
