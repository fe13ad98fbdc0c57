package io.cc4j.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import java.io.IOException;

/**
 * Where a boost run stands in the middle of an epoch: the training state of a boost step checkpoint, beside the
 * parameters, Adam's moments and the pseudo-labels (which hold every update up to this batch). As for
 * {@link EpochProgress}, every random choice derives from the run's seed by position (the epoch's shuffled order
 * from {@code (seed, epoch)}, a batch's views from {@code (seed, epoch, batch)}), so the position is the random state;
 * the derived values are stored and checked on resume.
 *
 * @param stage always "boost", so that a CC run's resume refuses it and the other way round
 * @param epoch the epoch in progress, 1-based
 * @param batch the next batch: batches of the epoch already done
 * @param orderSize images in the epoch's shuffled order
 * @param orderHash a hash of the epoch's shuffled order
 * @param batchSeed the seed of the next batch's views
 * @param steps training steps of the epoch so far (a batch of unreadable images only is no step; 0 in epoch 1,
 *     which only labels)
 * @param instanceLossSum sum of the instance losses of the epoch's steps so far
 * @param clusterLossSum sum of the cluster losses of the epoch's steps so far
 * @param seconds seconds spent on this epoch so far, over all invocations
 * @param skippedImages unreadable images left out of this epoch's batches so far
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record BoostProgress(
        @JsonProperty("stage") String stage,
        @JsonProperty("epoch") int epoch,
        @JsonProperty("batch") int batch,
        @JsonProperty("order_size") int orderSize,
        @JsonProperty("order_hash") long orderHash,
        @JsonProperty("batch_seed") long batchSeed,
        @JsonProperty("steps") int steps,
        @JsonProperty("instance_loss_sum") double instanceLossSum,
        @JsonProperty("cluster_loss_sum") double clusterLossSum,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("skipped_images") long skippedImages) {

    /** The {@link #stage} of every boost state. */
    public static final String STAGE = "boost";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return this state as a JSON object */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the boost state", e);
        }
    }

    /**
     * @param json a state written by {@link #toJson()}
     * @param source names the checkpoint in errors
     * @return the state
     * @throws InvalidInputException naming the source when it is not one
     */
    public static BoostProgress fromJson(String json, String source) {
        try {
            BoostProgress p = JSON.readValue(json, BoostProgress.class);
            if (!STAGE.equals(p.stage) || p.epoch < 1 || p.batch < 1 || p.steps < 0 || p.orderSize < 0 || p.skippedImages < 0) {
                throw new InvalidInputException("checkpoint " + source + " has an invalid boost state: " + json);
            }
            return p;
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint " + source + " has no readable boost state (a checkpoint of"
                    + " training, not of boost?): " + e.getMessage(), e);
        }
    }
}
