package io.cc4j.loss;

/**
 * The two loss values of one training step (or their means over an epoch), as plain numbers.
 *
 * @param instance L_ins
 * @param cluster L_clu + H_a + H_b
 */
public record LossValues(double instance, double cluster) {
    /** @return the total loss L_ins + (L_clu + H_a + H_b), with no weighting, as in the paper */
    public double total() {
        return instance + cluster;
    }

    /** @return true when both values are finite (a NaN or infinite loss must stop training) */
    public boolean isFinite() {
        return Double.isFinite(instance) && Double.isFinite(cluster);
    }

    /**
     * Mean of this (the mean of {@code count} steps) and one more step.
     *
     * @param next values of the next step
     * @param count number of steps already averaged into this, &gt;= 0
     * @return the running mean over count + 1 steps
     */
    public LossValues runningMean(LossValues next, long count) {
        double weight = 1.0 / (count + 1);
        return new LossValues(instance + (next.instance - instance) * weight,
                cluster + (next.cluster - cluster) * weight);
    }
}
