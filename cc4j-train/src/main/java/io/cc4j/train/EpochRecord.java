package io.cc4j.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code RUN_DIR/metrics.jsonl}: the mean losses of an epoch, its duration and, on evaluation
 * epochs of a labelled dataset, the scores on the fixed evaluation subset.
 *
 * <p>Records read leniently ({@link MetricsLog#readLenient(java.nio.file.Path)}) from a file another tool wrote
 * may lack fields: a missing loss or time is NaN, a missing score null.
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
 * @param instanceOnlyLoss STL-10 mode: mean instance loss of the epoch's instance-only phase, or null
 * @param skippedImages how many times an unreadable image was left out of a batch in this epoch (an image that
 *     passed the header check when the data was opened but failed to decode), or null in files written before
 *     this count existed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EpochRecord(
        @JsonProperty(EpochRecord.EPOCH) int epoch,
        @JsonProperty(EpochRecord.INSTANCE_LOSS) double instanceLoss,
        @JsonProperty(EpochRecord.CLUSTER_LOSS) double clusterLoss,
        @JsonProperty(EpochRecord.TOTAL_LOSS) double totalLoss,
        @JsonProperty(EpochRecord.SECONDS) double seconds,
        @JsonProperty(EpochRecord.IMAGES_PER_SECOND) double imagesPerSecond,
        @JsonProperty(EpochRecord.NMI) Double nmi,
        @JsonProperty(EpochRecord.ACC) Double acc,
        @JsonProperty(EpochRecord.ARI) Double ari,
        @JsonProperty(EpochRecord.INSTANCE_ONLY_LOSS) Double instanceOnlyLoss,
        @JsonProperty(EpochRecord.SKIPPED_IMAGES) Long skippedImages) {
    /** Field name of {@link #epoch()} in the file. */
    public static final String EPOCH = "epoch";
    /** Field name of {@link #instanceLoss()} in the file. */
    public static final String INSTANCE_LOSS = "instance_loss";
    /** Field name of {@link #clusterLoss()} in the file. */
    public static final String CLUSTER_LOSS = "cluster_loss";
    /** Field name of {@link #totalLoss()} in the file. */
    public static final String TOTAL_LOSS = "total_loss";
    /** Field name of {@link #seconds()} in the file. */
    public static final String SECONDS = "seconds";
    /** Field name of {@link #imagesPerSecond()} in the file. */
    public static final String IMAGES_PER_SECOND = "images_per_second";
    /** Field name of {@link #nmi()} in the file. */
    public static final String NMI = "nmi";
    /** Field name of {@link #acc()} in the file. */
    public static final String ACC = "acc";
    /** Field name of {@link #ari()} in the file. */
    public static final String ARI = "ari";
    /** Field name of {@link #instanceOnlyLoss()} in the file. */
    public static final String INSTANCE_ONLY_LOSS = "instance_only_loss";
    /** Field name of {@link #skippedImages()} in the file. */
    public static final String SKIPPED_IMAGES = "skipped_images";

    /** A record without a count of skipped images (as files of earlier versions). */
    public EpochRecord(int epoch, double instanceLoss, double clusterLoss, double totalLoss, double seconds,
            double imagesPerSecond, Double nmi, Double acc, Double ari, Double instanceOnlyLoss) {
        this(epoch, instanceLoss, clusterLoss, totalLoss, seconds, imagesPerSecond, nmi, acc, ari, instanceOnlyLoss,
                null);
    }

    /** A copy carrying evaluation scores. */
    public EpochRecord withScores(double nmi, double acc, double ari) {
        return new EpochRecord(epoch, instanceLoss, clusterLoss, totalLoss, seconds, imagesPerSecond, nmi, acc, ari,
                instanceOnlyLoss, skippedImages);
    }

    /**
     * The fields this record has, keyed by their names in the file, in file order: the epoch, every loss and
     * time that is not NaN, and the scores that are present.
     */
    public Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(EPOCH, (double) epoch);
        putNumber(m, INSTANCE_LOSS, instanceLoss);
        putNumber(m, CLUSTER_LOSS, clusterLoss);
        putNumber(m, TOTAL_LOSS, totalLoss);
        putNumber(m, SECONDS, seconds);
        putNumber(m, IMAGES_PER_SECOND, imagesPerSecond);
        putScore(m, NMI, nmi);
        putScore(m, ACC, acc);
        putScore(m, ARI, ari);
        putScore(m, INSTANCE_ONLY_LOSS, instanceOnlyLoss);
        putScore(m, SKIPPED_IMAGES, skippedImages == null ? null : skippedImages.doubleValue());
        return Collections.unmodifiableMap(m);
    }

    private static void putNumber(Map<String, Double> m, String key, double v) {
        if (!Double.isNaN(v)) {
            m.put(key, v);
        }
    }

    private static void putScore(Map<String, Double> m, String key, Double v) {
        if (v != null) {
            m.put(key, v);
        }
    }
}
