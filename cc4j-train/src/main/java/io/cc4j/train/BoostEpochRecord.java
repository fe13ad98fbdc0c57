package io.cc4j.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One epoch of the boost stage, a line of {@code RUN_DIR/boost.jsonl}.
 *
 * @param epoch the epoch (1-based; epoch 1 only fills the pseudo-labels, so its losses are NaN and left out)
 * @param instanceLoss mean instance loss (pseudo-label-aware NT-Xent)
 * @param clusterLoss mean cross-entropy of the strong views against the pseudo-labels
 * @param labelledFraction share of the images carrying a pseudo-label at the end of the epoch
 * @param labelAccuracy accuracy of the pseudo-labels against the true classes (best matching), when labels exist
 * @param seconds wall time of the epoch
 * @param nmi NMI of the cluster head on the evaluation subset, when evaluated
 * @param acc ACC, when evaluated
 * @param ari ARI, when evaluated
 * @param skippedImages unreadable images left out of the epoch's batches (null in logs written before it existed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BoostEpochRecord(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("instance_loss") Double instanceLoss,
        @JsonProperty("cluster_loss") Double clusterLoss,
        @JsonProperty("labelled_fraction") double labelledFraction,
        @JsonProperty("label_accuracy") Double labelAccuracy,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("nmi") Double nmi,
        @JsonProperty("acc") Double acc,
        @JsonProperty("ari") Double ari,
        @JsonProperty("skipped_images") Long skippedImages) {
}
