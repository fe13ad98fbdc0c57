package io.cc4j.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cc4j.InvalidInputException;
import io.cc4j.augment.BoostAugmentConfig;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The options of the self-labeling boost stage that follows Contrastive Clustering (TCL, Li et al., IJCV 2022),
 * with TCL's defaults; valid once constructed. The rest (data, batch size, seed, threads) comes from the
 * {@link TrainConfig} of the run it starts from. Written to {@code RUN_DIR/boost.json}.
 *
 * @param source the run directory of the CC model it starts from
 * @param epochs boost epochs; the first only fills the pseudo-labels
 * @param alpha confidence below which an image loses its pseudo-label (0.99)
 * @param gamma share of the balanced per-cluster quota of a batch labelled at once (0.5)
 * @param learningRate Adam learning rate (1e-4)
 * @param weightDecay Adam weight decay (1e-4)
 * @param instanceTemperature tau of the instance loss (0.5)
 * @param clusterTemperature temperature of the softmax that turns cluster logits into confidences (1.0)
 * @param augment the weak and strong views
 * @param evalEvery evaluate NMI/ACC/ARI every this many epochs when labels exist (0: never)
 * @param checkpointEvery write a checkpoint every this many epochs (and always at the end)
 * @param ccClusterLoss weight of CC's own cluster loss (the contrastive loss over the K columns plus its entropy
 *     term, between the weak and the strong views) added to TCL's losses; 0, the default, is TCL as published.
 *     The entropy term keeps every cluster in use, which TCL's cross-entropy alone does not
 */
public record BoostConfig(
        @JsonProperty("source") String source,
        @JsonProperty("epochs") int epochs,
        @JsonProperty("alpha") double alpha,
        @JsonProperty("gamma") double gamma,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("weight_decay") double weightDecay,
        @JsonProperty("instance_temperature") double instanceTemperature,
        @JsonProperty("cluster_temperature") double clusterTemperature,
        @JsonProperty("augment") BoostAugmentConfig augment,
        @JsonProperty("eval_every") int evalEvery,
        @JsonProperty("checkpoint_every") int checkpointEvery,
        @JsonProperty("cc_cluster_loss") double ccClusterLoss) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Checks every value.
     *
     * @throws InvalidInputException naming the first value out of range and its option
     */
    public BoostConfig {
        require(source != null && !source.isBlank(), "the boost stage needs the run it starts from (--model)");
        require(epochs >= 2, "boost epochs must be at least 2 (the first only fills the pseudo-labels), got " + epochs
                + " (--epochs)");
        require(alpha > 0 && alpha <= 1, "alpha must be in (0, 1], got " + alpha + " (--alpha)");
        require(gamma > 0 && Double.isFinite(gamma), "gamma must be > 0, got " + gamma + " (--gamma)");
        require(learningRate > 0 && Double.isFinite(learningRate), "learning rate must be > 0, got " + learningRate
                + " (--lr)");
        require(weightDecay >= 0 && Double.isFinite(weightDecay), "weight decay must be >= 0, got " + weightDecay
                + " (--weight-decay)");
        require(instanceTemperature > 0, "instance temperature must be > 0, got " + instanceTemperature);
        require(clusterTemperature > 0, "cluster temperature must be > 0, got " + clusterTemperature);
        require(augment != null, "boost augmentation missing");
        require(evalEvery >= 0, "eval-every must be >= 0, got " + evalEvery + " (--eval-every)");
        require(checkpointEvery >= 1, "checkpoint-every must be >= 1, got " + checkpointEvery + " (--checkpoint-every)");
        require(ccClusterLoss >= 0 && Double.isFinite(ccClusterLoss), "the CC cluster loss weight must be >= 0, got "
                + ccClusterLoss + " (--cc-cluster-loss)");
    }

    /** TCL as published: no CC cluster loss. The arguments are those of the canonical constructor but the last. */
    public BoostConfig(String source, int epochs, double alpha, double gamma, double learningRate, double weightDecay,
            double instanceTemperature, double clusterTemperature, BoostAugmentConfig augment, int evalEvery,
            int checkpointEvery) {
        this(source, epochs, alpha, gamma, learningRate, weightDecay, instanceTemperature, clusterTemperature, augment,
                evalEvery, checkpointEvery, 0);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException(message);
        }
    }

    /**
     * TCL's settings for a run, with its augmentations for a dataset preset.
     *
     * @param source the CC run directory
     * @param epochs boost epochs
     * @param preset augmentation preset name (e.g. cifar10, fashion-mnist)
     * @param size image size of the model
     * @return the configuration
     */
    public static BoostConfig tcl(Path source, int epochs, String preset, int size) {
        return new BoostConfig(source.toString(), epochs, 0.99, 0.5, 1e-4, 1e-4, 0.5, 1.0,
                BoostAugmentConfig.preset(preset, size), 1, 5);
    }

    /** @return this configuration with another epoch total */
    public BoostConfig withEpochs(int total) {
        return new BoostConfig(source, total, alpha, gamma, learningRate, weightDecay, instanceTemperature,
                clusterTemperature, augment, evalEvery, checkpointEvery, ccClusterLoss);
    }

    /**
     * @param weight weight of CC's cluster loss added to TCL's losses (0: TCL as published)
     * @return this configuration with that weight
     */
    public BoostConfig withCcClusterLoss(double weight) {
        return new BoostConfig(source, epochs, alpha, gamma, learningRate, weightDecay, instanceTemperature,
                clusterTemperature, augment, evalEvery, checkpointEvery, weight);
    }

    /** @return this configuration as JSON */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the boost configuration", e);
        }
    }

    /**
     * @param run a boost run
     * @return its configuration
     * @throws InvalidInputException naming the file when it is missing or invalid
     */
    public static BoostConfig read(RunLayout run) {
        Path file = run.boostConfig();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(run + " is not a boost run (no " + file.getFileName() + ")");
        }
        try {
            return JSON.readValue(file.toFile(), BoostConfig.class);
        } catch (IOException e) {
            Throwable cause = e.getCause();
            throw new InvalidInputException("invalid boost configuration " + file + ": "
                    + (cause instanceof InvalidInputException ? cause.getMessage() : e.getMessage()), e);
        }
    }
}
