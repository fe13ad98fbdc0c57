package io.cc4j.cluster;

/**
 * The mean of repeated values and their standard deviation (divided by the count, not the count minus one), as the
 * gap statistic and the stability measure report them over their references and pairs of runs.
 *
 * @param mean the mean
 * @param sd the standard deviation
 */
record MeanAndDeviation(double mean, double sd) {
    /** Sums in index order, so a result is the same for the same values in the same order. */
    static MeanAndDeviation of(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        return new MeanAndDeviation(mean, Math.sqrt(var / values.length));
    }
}
