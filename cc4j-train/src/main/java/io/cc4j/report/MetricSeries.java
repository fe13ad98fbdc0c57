package io.cc4j.report;

import io.cc4j.train.EpochRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The (epoch, value) points of one {@code metrics.jsonl} field, as the charts and tables draw them.
 *
 * @param key the field name in the file ({@link EpochRecord#TOTAL_LOSS}, {@link EpochRecord#NMI}, ...)
 * @param epochs epoch of each point
 * @param values value of each point
 */
record MetricSeries(String key, double[] epochs, double[] values) {
    /** The points of {@code key} over the records that have it (NaN/infinite values are left out). */
    static MetricSeries of(List<EpochRecord> records, String key) {
        List<double[]> pts = new ArrayList<>();
        for (EpochRecord r : records) {
            Double v = r.values().get(key);
            if (v != null && Double.isFinite(v)) {
                pts.add(new double[] {r.epoch(), v});
            }
        }
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new MetricSeries(key, x, y);
    }

    /** Whether any record has {@code key}. */
    static boolean has(List<EpochRecord> records, String key) {
        return records.stream().anyMatch(r -> r.values().containsKey(key));
    }

    /** The last record that has {@code key}, if any. */
    static Optional<EpochRecord> lastWith(List<EpochRecord> records, String key) {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).values().containsKey(key)) {
                return Optional.of(records.get(i));
            }
        }
        return Optional.empty();
    }

    /** Number of points. */
    int size() {
        return epochs.length;
    }
}
