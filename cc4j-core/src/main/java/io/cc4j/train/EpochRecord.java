package io.cc4j.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of {@code RUN_DIR/metrics.jsonl}: the mean losses of an epoch, its duration and, on evaluation
 * epochs of a labelled dataset, the scores on the fixed evaluation subset.
 *
 * @param epoch 1-based epoch number
 * @param instanceLoss mean instance loss over the epoch's batches
 * @param clusterLoss mean cluster loss (contrastive + entropy terms)
 * @param totalLoss mean total loss
 * @param seconds wall-clock seconds of the epoch
 * @param imagesPerSecond images (not views) per second
 * @param nmi NMI on the evaluation subset, or null
 * @param acc ACC on the evaluation subset, or null
 * @param ari ARI on the evaluation subset, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochRecord(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("instance_loss") double instanceLoss,
        @JsonProperty("cluster_loss") double clusterLoss,
        @JsonProperty("total_loss") double totalLoss,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("images_per_second") double imagesPerSecond,
        @JsonProperty("nmi") Double nmi,
        @JsonProperty("acc") Double acc,
        @JsonProperty("ari") Double ari) {

    /** A copy carrying evaluation scores. */
    public EpochRecord withScores(double nmi, double acc, double ari) {
        return new EpochRecord(epoch, instanceLoss, clusterLoss, totalLoss, seconds, imagesPerSecond, nmi, acc, ari);
    }
}
