package io.cc4j.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cc4j.InvalidInputException;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every option of a training run, immutable and JSON-serialisable: the run writes it to
 * {@code RUN_DIR/config.json} so the run can be repeated exactly, and {@code --config FILE} reads it back.
 *
 * <p>Defaults are the official code's (Adam, lr 3e-4, weight decay 0, batch 256, tau_I 0.5, tau_C 1.0,
 * feature dimension 128, seed 42) except the network, which defaults to the cheap CIFAR-stem ResNet-18 at
 * 32x32 rather than the paper's ResNet-34 at 224x224; {@link PaperPreset} gives the paper's exact set-up.
 *
 * @param data dataset specs trained on (joined), e.g. {@code cifar10:DIR}
 * @param instanceOnlyData specs trained with the instance loss alone before each epoch (STL-10 mode)
 * @param clusters K, the number of clusters
 * @param backbone the ResNet variant
 * @param stem cifar (3x3 conv, no pool) or imagenet (7x7/2 conv + max-pool); when null, the one that fits the
 *     image size ({@link Stem#forImageSize})
 * @param width channels of the first ResNet stage (64 is torchvision's; smaller for CPU-sized runs)
 * @param augment augmentation configuration (its size is the network's input size)
 * @param batchSize images per batch (each gives two views)
 * @param epochs epochs to train
 * @param learningRate Adam learning rate
 * @param weightDecay L2 weight decay as torch.optim.Adam applies it
 * @param instanceTemperature tau_I
 * @param clusterTemperature tau_C
 * @param featureDim output dimension of the instance head
 * @param seed the one seed every random choice derives from
 * @param threads engine threads (0: all cores)
 * @param workers augmentation worker threads (0: all cores)
 * @param limit train on the first {@code limit} images of a seeded shuffle (0: all)
 * @param evalEvery evaluate NMI/ACC/ARI every this many epochs when labels exist (0: never)
 * @param evalSubset images in the fixed evaluation subset
 * @param checkpointEvery write a checkpoint every this many epochs (and always at the end)
 * @param checkpointMinutes also write a checkpoint whenever this many minutes have passed since the last one, at the
 *     end of the step (in the middle of an epoch if need be), so that no more work than that is lost when the
 *     process dies (0: only every {@code checkpointEvery} epochs)
 * @param keepCheckpoints how many epoch checkpoints to keep (of the checkpoints taken in the middle of an epoch
 *     only the newest is kept, and only until a newer checkpoint exists)
 * @param separateViews run the two views through the network as two batches, as the official code does
 *     (per-view BatchNorm statistics); false runs them as one batch of 2N, faster at small image sizes
 * @param maxPixels image folders: the largest width times height decoded; larger images are refused from their
 *     header (a decompression bomb costs a few bytes)
 * @param strict fail on an unreadable image (at open, or one that fails to decode during training) instead of
 *     skipping it with a warning
 * @param channelsLast run the backbone on channels-last (NHWC) data; the same numbers to rounding, other kernels
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TrainConfig(
        @JsonProperty("data") List<String> data,
        @JsonProperty("instance_only_data") List<String> instanceOnlyData,
        @JsonProperty("clusters") int clusters,
        @JsonProperty("backbone") BackboneType backbone,
        @JsonProperty("stem") Stem stem,
        @JsonProperty("width") int width,
        @JsonProperty("augment") AugmentConfig augment,
        @JsonProperty("batch_size") int batchSize,
        @JsonProperty("epochs") int epochs,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("weight_decay") double weightDecay,
        @JsonProperty("instance_temperature") double instanceTemperature,
        @JsonProperty("cluster_temperature") double clusterTemperature,
        @JsonProperty("feature_dim") int featureDim,
        @JsonProperty("seed") long seed,
        @JsonProperty("threads") int threads,
        @JsonProperty("workers") int workers,
        @JsonProperty("limit") int limit,
        @JsonProperty("eval_every") int evalEvery,
        @JsonProperty("eval_subset") int evalSubset,
        @JsonProperty("checkpoint_every") int checkpointEvery,
        @JsonProperty("keep_checkpoints") int keepCheckpoints,
        @JsonProperty("separate_views") boolean separateViews,
        @JsonProperty("checkpoint_minutes") double checkpointMinutes,
        @JsonProperty("max_pixels") long maxPixels,
        @JsonProperty("strict") boolean strict,
        @JsonProperty("channels_last") boolean channelsLast) {

    /** The largest configuration file read (a real one is a few kilobytes). */
    private static final long MAX_FILE_BYTES = 16 << 20;

    /** Default of {@link #checkpointMinutes()}: at most a quarter of an hour of work is lost to a crash. */
    public static final double DEFAULT_CHECKPOINT_MINUTES = 15;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Normalises null lists, resolves a missing stem from the image size and checks every value: a
     * configuration that exists is valid.
     *
     * @throws InvalidInputException naming the first value out of range and its command-line option
     */
    public TrainConfig {
        data = data == null ? List.of() : List.copyOf(data);
        instanceOnlyData = instanceOnlyData == null ? List.of() : List.copyOf(instanceOnlyData);
        if (augment == null) {
            throw new InvalidInputException("augmentation configuration missing");
        }
        if (backbone == null) {
            throw new InvalidInputException("backbone missing (--backbone resnet18|resnet34|resnet50)");
        }
        stem = stem == null ? Stem.forImageSize(augment.size()) : stem;
        require(clusters >= 2, "clusters (K) must be at least 2, got " + clusters + " (--clusters)");
        require(batchSize >= 2, "batch size must be at least 2, got " + batchSize + " (--batch-size)");
        require(clusters <= batchSize, "clusters (K = " + clusters + ") must not exceed the batch size ("
                + batchSize + "): the cluster loss compares each cluster's column over the batch (--clusters,"
                + " --batch-size)");
        require(epochs >= 1, "epochs must be at least 1, got " + epochs + " (--epochs)");
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0, got " + learningRate
                + " (--lr)");
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight decay must be >= 0, got " + weightDecay
                + " (--weight-decay)");
        require(instanceTemperature > 0 && Double.isFinite(instanceTemperature), "instance temperature must be > 0,"
                + " got " + instanceTemperature + " (--instance-temperature)");
        require(clusterTemperature > 0 && Double.isFinite(clusterTemperature), "cluster temperature must be > 0,"
                + " got " + clusterTemperature + " (--cluster-temperature)");
        require(featureDim >= 1, "feature dimension must be >= 1, got " + featureDim + " (--feature-dim)");
        require(width >= 1, "width must be >= 1, got " + width + " (--width)");
        require(threads >= 0, "threads must be >= 0, got " + threads + " (--threads)");
        require(workers >= 0, "workers must be >= 0, got " + workers + " (--workers)");
        require(limit >= 0, "limit must be >= 0, got " + limit + " (--limit)");
        require(evalEvery >= 0, "eval-every must be >= 0, got " + evalEvery + " (--eval-every)");
        require(evalSubset >= 1, "eval subset must be >= 1, got " + evalSubset + " (--eval-subset)");
        require(checkpointEvery >= 1, "checkpoint-every must be >= 1, got " + checkpointEvery
                + " (--checkpoint-every)");
        require(keepCheckpoints >= 1, "keep-checkpoints must be >= 1, got " + keepCheckpoints
                + " (--keep-checkpoints)");
        require(checkpointMinutes >= 0 && Double.isFinite(checkpointMinutes), "checkpoint-minutes must be >= 0, got "
                + checkpointMinutes + " (--checkpoint-minutes)");
        require(maxPixels >= 1, "max-pixels must be >= 1, got " + maxPixels + " (--max-pixels)");
        // One batch of views lives in a Java float array: 2 x batch x 3 x size x size values.
        long viewValues = 2L * batchSize * 3 * augment.size() * augment.size();
        require(viewValues < Integer.MAX_VALUE - 8, "batch size " + batchSize + " at image size " + augment.size()
                + " needs " + viewValues + " values per batch of views, more than one Java array holds; lower"
                + " --batch-size");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException(message);
        }
    }

    /** @return the network and input size this configuration trains */
    public ModelSpec modelSpec() {
        return new ModelSpec(backbone, stem, width, featureDim, clusters, augment.size());
    }

    /** Image edge in pixels that the network sees. */
    public int imageSize() {
        return augment.size();
    }

    /** A builder with the defaults described above. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This configuration as pretty-printed JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise configuration", e);
        }
    }

    /**
     * Parses a configuration from JSON text; {@code source} names it in errors. Keys the text leaves out
     * keep their defaults (also inside {@code augment}), so a file may hold only what it changes.
     */
    public static TrainConfig fromJson(String json, String source) {
        try {
            com.fasterxml.jackson.databind.JsonNode given = JSON.readTree(json);
            if (given == null || !given.isObject()) {
                throw new InvalidInputException("invalid configuration in " + source + ": expected a JSON object");
            }
            com.fasterxml.jackson.databind.node.ObjectNode merged = JSON.valueToTree(new Builder().build());
            overlay(merged, (com.fasterxml.jackson.databind.node.ObjectNode) given);
            if (!given.has("stem")) {
                merged.putNull("stem"); // follows the image size, as on the command line
            }
            return JSON.treeToValue(merged, TrainConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidInputException bad) {
                throw new InvalidInputException("invalid configuration in " + source + ": " + bad.getMessage(), e);
            }
            throw new InvalidInputException("invalid configuration in " + source + ": " + e.getOriginalMessage(), e);
        }
    }

    private static void overlay(com.fasterxml.jackson.databind.node.ObjectNode base,
            com.fasterxml.jackson.databind.node.ObjectNode given) {
        given.fields().forEachRemaining(e -> {
            com.fasterxml.jackson.databind.JsonNode old = base.get(e.getKey());
            if (old != null && old.isObject() && e.getValue().isObject()) {
                overlay((com.fasterxml.jackson.databind.node.ObjectNode) old,
                        (com.fasterxml.jackson.databind.node.ObjectNode) e.getValue());
            } else {
                base.set(e.getKey(), e.getValue());
            }
        });
    }

    /** Reads a configuration file (JSON). */
    public static TrainConfig read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("configuration file not found: " + file);
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidInputException("configuration file " + file + " has " + Files.size(file)
                        + " bytes; a configuration is a few kilobytes");
            }
            return fromJson(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new InvalidInputException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private List<String> data = List.of();
        private List<String> instanceOnlyData = List.of();
        private int clusters = 10;
        private BackboneType backbone = BackboneType.RESNET18;
        private Stem stem;
        private int width = 64;
        private AugmentConfig augment = AugmentConfig.builder().build();
        private int batchSize = 256;
        private int epochs = 20;
        private double learningRate = 3e-4;
        private double weightDecay = 0;
        private double instanceTemperature = 0.5;
        private double clusterTemperature = 1.0;
        private int featureDim = 128;
        private long seed = 42;
        private int threads;
        private int workers;
        private int limit;
        private int evalEvery = 1;
        private int evalSubset = 2000;
        private int checkpointEvery = 10;
        private int keepCheckpoints = 3;
        private boolean separateViews;
        private double checkpointMinutes = DEFAULT_CHECKPOINT_MINUTES;
        private long maxPixels = io.cc4j.data.ImageDecoder.DEFAULT_MAX_PIXELS;
        private boolean strict;
        private boolean channelsLast;

        Builder() {
        }

        Builder(TrainConfig c) {
            data = c.data;
            instanceOnlyData = c.instanceOnlyData;
            clusters = c.clusters;
            backbone = c.backbone;
            stem = c.stem;
            width = c.width;
            augment = c.augment;
            batchSize = c.batchSize;
            epochs = c.epochs;
            learningRate = c.learningRate;
            weightDecay = c.weightDecay;
            instanceTemperature = c.instanceTemperature;
            clusterTemperature = c.clusterTemperature;
            featureDim = c.featureDim;
            seed = c.seed;
            threads = c.threads;
            workers = c.workers;
            limit = c.limit;
            evalEvery = c.evalEvery;
            evalSubset = c.evalSubset;
            checkpointEvery = c.checkpointEvery;
            keepCheckpoints = c.keepCheckpoints;
            separateViews = c.separateViews;
            checkpointMinutes = c.checkpointMinutes;
            maxPixels = c.maxPixels;
            strict = c.strict;
            channelsLast = c.channelsLast;
        }

        /** @param v dataset specs @return this */
        public Builder data(List<String> v) { data = v; return this; }
        /** @param v STL-10 mode instance-only dataset specs @return this */
        public Builder instanceOnlyData(List<String> v) { instanceOnlyData = v; return this; }
        /** @param v K @return this */
        public Builder clusters(int v) { clusters = v; return this; }
        /** @param v the ResNet variant @return this */
        public Builder backbone(BackboneType v) { backbone = v; return this; }
        /** @param v the stem, or null for the one that fits the image size @return this */
        public Builder stem(Stem v) { stem = v; return this; }
        /** @param v first-stage channels @return this */
        public Builder width(int v) { width = v; return this; }
        /** @param v augmentation configuration @return this */
        public Builder augment(AugmentConfig v) { augment = v; return this; }
        /** @param v batch size @return this */
        public Builder batchSize(int v) { batchSize = v; return this; }
        /** @param v epochs @return this */
        public Builder epochs(int v) { epochs = v; return this; }
        /** @param v learning rate @return this */
        public Builder learningRate(double v) { learningRate = v; return this; }
        /** @param v weight decay @return this */
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        /** @param v tau_I @return this */
        public Builder instanceTemperature(double v) { instanceTemperature = v; return this; }
        /** @param v tau_C @return this */
        public Builder clusterTemperature(double v) { clusterTemperature = v; return this; }
        /** @param v ICH output dimension @return this */
        public Builder featureDim(int v) { featureDim = v; return this; }
        /** @param v seed @return this */
        public Builder seed(long v) { seed = v; return this; }
        /** @param v engine threads @return this */
        public Builder threads(int v) { threads = v; return this; }
        /** @param v augmentation workers @return this */
        public Builder workers(int v) { workers = v; return this; }
        /** @param v image limit @return this */
        public Builder limit(int v) { limit = v; return this; }
        /** @param v evaluation period in epochs @return this */
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        /** @param v evaluation subset size @return this */
        public Builder evalSubset(int v) { evalSubset = v; return this; }
        /** @param v checkpoint period in epochs @return this */
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        /** @param v checkpoints kept @return this */
        public Builder keepCheckpoints(int v) { keepCheckpoints = v; return this; }

        /** @param v two forward passes per step (official) instead of one joint pass @return this */
        public Builder separateViews(boolean v) { separateViews = v; return this; }
        /** @param v minutes of work at most between two checkpoints (0: only every checkpointEvery epochs) @return this */
        public Builder checkpointMinutes(double v) { checkpointMinutes = v; return this; }
        /** @param v largest width x height of an image decoded from a folder @return this */
        public Builder maxPixels(long v) { maxPixels = v; return this; }
        /** @param v fail on an unreadable image instead of skipping it @return this */
        public Builder strict(boolean v) { strict = v; return this; }
        /** @param v run the backbone on channels-last (NHWC) data @return this */
        public Builder channelsLast(boolean v) { channelsLast = v; return this; }

        /** The augmentation configuration set so far (so callers can adjust it). */
        public AugmentConfig currentAugment() {
            return augment;
        }

        /**
         * @return the configuration
         * @throws InvalidInputException naming the first value out of range
         */
        public TrainConfig build() {
            return new TrainConfig(data, instanceOnlyData, clusters, backbone, stem, width, augment, batchSize,
                    epochs, learningRate, weightDecay, instanceTemperature, clusterTemperature, featureDim, seed,
                    threads, workers, limit, evalEvery, evalSubset, checkpointEvery, keepCheckpoints, separateViews,
                    checkpointMinutes, maxPixels, strict, channelsLast);
        }
    }
}
