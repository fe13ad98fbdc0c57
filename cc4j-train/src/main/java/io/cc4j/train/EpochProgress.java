package io.cc4j.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import java.io.IOException;

/**
 * Where a run stands in the middle of an epoch: the training state a step-level checkpoint carries (beside the
 * parameters and Adam's moments), so that a resumed run does exactly what the uninterrupted run would have done
 * from that step on, and finishes the epoch with the same mean losses.
 *
 * <p>Every random choice of cc4j's training derives from the run's seed by position: the shuffled order of a
 * phase from {@code (seed, epoch, phase)}, the augmentations of a batch from {@code (seed, epoch, phase, batch)}
 * ({@link io.cc4j.Seeds#derive}); the network draws nothing at run time. The random state is therefore the position
 * itself. The derived values are stored too and checked on resume, so a checkpoint from a build whose random
 * streams differ, or a dataset that changed, is refused instead of silently training something else.
 *
 * @param epoch the epoch in progress, 1-based
 * @param phase the phase of the next step: "instance-only" (STL-10 mode) or "full"
 * @param batch the next batch of that phase: batches of the phase already trained
 * @param steps steps of this epoch already trained, over all its phases
 * @param orderSize images in the phase's shuffled order (its dataset's size)
 * @param orderHash a hash of the phase's shuffled order
 * @param batchSeed the seed of the next batch's augmentations
 * @param prefetchBatch the batch the worker pool was preparing when the checkpoint was taken (the next one)
 * @param instanceLossSum sum of the instance losses of the phase's steps so far
 * @param clusterLossSum sum of the cluster losses of the phase's steps so far
 * @param phaseSteps steps of the phase that updated the model (a batch of unreadable images only is no step)
 * @param instanceOnlyLoss mean instance loss of the instance-only phase when it is over, else null
 * @param images images trained in this epoch so far, over all its phases
 * @param seconds seconds spent on this epoch so far, over all invocations
 * @param skippedImages unreadable images left out of this epoch's batches so far
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record EpochProgress(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("phase") String phase,
        @JsonProperty("batch") int batch,
        @JsonProperty("steps") long steps,
        @JsonProperty("order_size") int orderSize,
        @JsonProperty("order_hash") long orderHash,
        @JsonProperty("batch_seed") long batchSeed,
        @JsonProperty("prefetch_batch") int prefetchBatch,
        @JsonProperty("instance_loss_sum") double instanceLossSum,
        @JsonProperty("cluster_loss_sum") double clusterLossSum,
        @JsonProperty("phase_steps") int phaseSteps,
        @JsonProperty("instance_only_loss") Double instanceOnlyLoss,
        @JsonProperty("images") long images,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("skipped_images") long skippedImages) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @return this state as a JSON object */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the training state", e);
        }
    }

    /**
     * @param json a training state written by {@link #toJson()}
     * @param source names the checkpoint in errors
     * @return the state
     * @throws InvalidInputException naming the source when it is not one
     */
    public static EpochProgress fromJson(String json, String source) {
        try {
            EpochProgress p = JSON.readValue(json, EpochProgress.class);
            if (p.epoch < 1 || p.batch < 0 || p.steps < 1 || p.orderSize < 0 || p.phase == null
                    || !(p.phase.equals(TrainingSession.Phase.FULL.label)
                            || p.phase.equals(TrainingSession.Phase.INSTANCE_ONLY.label))) {
                throw new InvalidInputException("checkpoint " + source + " has an invalid training state: " + json);
            }
            return p;
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint " + source + " has an unreadable training state: "
                    + e.getMessage(), e);
        }
    }

    /** A hash of a shuffled order (FNV-1a over the indices), to check the order is the one the run used. */
    static long hash(int[] order) {
        long h = 0xcbf29ce484222325L;
        for (int v : order) {
            h = (h ^ v) * 0x100000001b3L;
        }
        return h;
    }
}
