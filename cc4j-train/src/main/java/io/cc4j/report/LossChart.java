package io.cc4j.report;

import io.cc4j.train.EpochRecord;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Line chart of the instance, cluster and total loss over the epochs of a run. */
public final class LossChart {
    private static final List<String> KEYS = List.of(EpochRecord.INSTANCE_LOSS, EpochRecord.CLUSTER_LOSS,
            EpochRecord.TOTAL_LOSS);
    private static final List<String> NAMES = List.of("instance loss", "cluster loss", "total loss");
    private static final List<Color> COLORS = List.of(new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(60, 60, 60));

    private LossChart() {
    }

    /**
     * Draws the loss curves.
     *
     * @param metrics the run's {@code metrics.jsonl} records
     * @return the chart, or empty when no line has a finite loss
     */
    public static Optional<BufferedImage> draw(List<EpochRecord> metrics) {
        XYChart chart = Charts.epochChart("Training loss", "loss");
        int drawn = 0;
        for (int i = 0; i < KEYS.size(); i++) {
            Optional<XYSeries> series = Charts.addCurve(chart, metrics, KEYS.get(i), NAMES.get(i), COLORS.get(i));
            if (series.isEmpty()) {
                continue;
            }
            if (i == 2) {
                series.get().setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {8f, 5f}, 0f));
            }
            drawn++;
        }
        return drawn == 0 ? Optional.empty() : Optional.of(Charts.render(chart));
    }
}
