package io.cc4j.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cc4j.InvalidInputException;
import io.cc4j.engine.EngineSupport;
import io.cc4j.io.AtomicFiles;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.store.BatchNormCounters;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.CheckpointStore;
import io.cc4j.model.store.NpyArray;
import io.cc4j.model.store.NpzExport;
import io.cc4j.model.store.NpzFile;
import io.cc4j.model.store.NpzImport;
import io.cc4j.model.store.ParameterFile;
import io.cc4j.model.store.Provenance;
import io.cc4j.model.store.StoredModel;
import io.cc4j.model.store.WeightsSidecar;
import io.cc4j.run.RunLayout;
import io.cc4j.train.AdamOptimizer;
import io.cc4j.train.Optimisation;
import io.cc4j.train.RunExistsException;
import io.cc4j.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * npz weights in and out of run directories: the only class of this package that knows the run directory
 * (its configuration and checkpoints), so that moving those is a change here alone.
 *
 * <p>{@link #importNpz} makes a run directory that {@code cluster}, {@code report} and {@code train --resume}
 * accept: {@code config.json} describing the network (and the training data, when given), and a checkpoint
 * of epoch 0 holding the weights with empty Adam state (so resuming starts with fresh optimizer state).
 *
 * <p><b>BatchNorm batch counts.</b> PyTorch's {@code num_batches_tracked} are kept in
 * {@code batchnorm-counters.json} ({@link io.cc4j.run.RunLayout#batchNormCounters()}) next to the checkpoints,
 * with the epoch they belong to, and {@link #exportNpz}
 * writes them back when it exports that same epoch: export, import, export is then bit-identical. They stay
 * out of the checkpoint because cc4j's network never uses them and the checkpoint format is cc4j's own; and
 * they are tied to an epoch because training on changes what PyTorch would have counted, which cc4j does not
 * track: a later epoch (or a run trained in cc4j) exports 0, a fresh PyTorch BatchNorm's count.
 */
public final class RunWeights {
    private static final Logger LOG = LoggerFactory.getLogger(RunWeights.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunWeights() {
    }

    /**
     * Exports the newest checkpoint of a run directory as npz plus sidecar.
     *
     * @param runDir a run directory (trained, or made by {@link #importNpz})
     * @param npz target file
     * @return the sidecar written
     * @throws InvalidInputException naming the directory or checkpoint when there is no intact model
     */
    public static WeightsSidecar exportNpz(Path runDir, Path npz) {
        StoredModel stored = RunLayout.of(runDir).newestModel();
        int epoch = stored.header().epoch();
        ModelSpec spec = stored.header().model();
        try (ContrastiveModel model = stored.model()) {
            BatchNormCounters counters = readCounters(runDir, epoch);
            if (counters.asMap().isEmpty()) {
                LOG.info("num_batches_tracked written as 0: cc4j does not count BatchNorm batches");
            }
            return NpzExport.write(model, spec, counters, "cc4j run " + runDir.toAbsolutePath().normalize()
                    .getFileName() + ", epoch " + epoch, npz);
        }
    }

    /**
     * The input normalisation the sidecar beside an npz names.
     *
     * @param npz weights
     * @return the normalisation of its sidecar's test transform; empty without a (readable) sidecar
     */
    public static java.util.Optional<io.cc4j.model.InputNormalization> sidecarNormalization(Path npz) {
        Path file = WeightsSidecar.pathFor(npz);
        if (file.equals(npz) || !Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(WeightsSidecar.read(file).normalization());
    }

    /**
     * Makes a new run directory from npz weights.
     *
     * @param npz weights under the official state-dict names ({@code cc4j export}, or
     *     {@code scripts/cc-checkpoint-to-npz.py} for an official checkpoint)
     * @param spec the network they belong to and its input size
     * @param data training data specs for {@code train --resume} and {@code cluster} (may be empty)
     * @param runDir the directory to create; it must not hold a run already
     * @return the checkpoint written
     * @throws InvalidInputException naming the file and every tensor that does not fit, or the directory
     */
    public static Path importNpz(Path npz, ModelSpec spec, List<String> data, Path runDir) {
        CheckpointStore store = RunLayout.of(runDir).checkpoints();
        if (Files.exists(RunLayout.of(runDir).config()) || !store.list().isEmpty()) {
            throw new RunExistsException(runDir, "a run", "choose another run directory");
        }
        Map<String, NpyArray> arrays = NpzFile.read(npz);
        TrainConfig config = configFor(spec, data);
        try (ContrastiveModel model = spec.buildForLoading();
                AdamOptimizer fresh = AdamOptimizer.builder().optLearningRate(config.get(Optimisation.LEARNING_RATE))
                        .optWeightDecay(config.get(Optimisation.WEIGHT_DECAY)).build()) {
            BatchNormCounters counters;
            try {
                counters = NpzImport.load(arrays, model, npz.toString());
            } catch (InvalidInputException e) {
                throw new InvalidInputException(e.getMessage() + sidecarHint(npz, spec), e);
            }
            RunLayout.of(runDir).writeConfig(config.toJson());
            Path checkpoint = store.fileFor(0);
            Checkpoint.write(checkpoint, 0, spec, Provenance.now(EngineSupport.engine(), List.of()), config.toJson(),
                    out -> ParameterFile.write(out, model), fresh::writeState);
            writeCounters(runDir, 0, npz, counters);
            return checkpoint;
        }
    }

    /** The training configuration of an imported model: the defaults with its network and input size. */
    static TrainConfig configFor(ModelSpec spec, List<String> data) {
        ObjectNode json = JSON.createObjectNode();
        ArrayNode specs = json.putArray("data");
        data.forEach(specs::add);
        json.put("clusters", spec.clusters()).put("backbone", spec.backbone().id()).put("stem", spec.stem().id())
                .put("width", spec.width()).put("feature_dim", spec.featureDim())
                .put("normalization", spec.normalization().id());
        json.putObject("augment").put("size", spec.imageSize());
        TrainConfig config = TrainConfig.fromJson(json.toString(), "the imported model's configuration");
        // Without data the configuration cannot train, but it still describes the model for cluster and report.
        return config;
    }

    private static String sidecarHint(Path npz, ModelSpec spec) {
        Path file = WeightsSidecar.pathFor(npz);
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try {
            ModelSpec stated = WeightsSidecar.read(file).spec();
            return stated.equals(spec) ? "" : " (its sidecar " + file.getFileName() + " describes "
                    + stated.describe() + ", input " + stated.imageSize() + ")";
        } catch (InvalidInputException e) {
            return "";
        }
    }

    private static void writeCounters(Path runDir, int epoch, Path npz, BatchNormCounters counters) {
        ObjectNode json = JSON.createObjectNode();
        json.put("epoch", epoch).put("source", npz.toAbsolutePath().normalize().toString());
        ObjectNode counts = json.putObject("num_batches_tracked");
        counters.asMap().forEach(counts::put);
        try {
            AtomicFiles.writeString(RunLayout.of(runDir).batchNormCounters(), JSON.writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise BatchNorm counts", e);
        }
    }

    /** The counts stored for {@code epoch}; none when the file is absent or belongs to another epoch. */
    static BatchNormCounters readCounters(Path runDir, int epoch) {
        Path file = RunLayout.of(runDir).batchNormCounters();
        if (!Files.isRegularFile(file)) {
            return BatchNormCounters.none();
        }
        try {
            var root = JSON.readTree(Files.readString(file));
            if (root == null || root.path("epoch").asInt(-1) != epoch) {
                return BatchNormCounters.none();
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            root.path("num_batches_tracked").fields()
                    .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
            return BatchNormCounters.of(counts);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
