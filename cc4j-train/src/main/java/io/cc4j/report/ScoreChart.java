package io.cc4j.report;

import io.cc4j.train.EpochRecord;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/** Line chart of NMI, ACC and ARI on the evaluation epochs of a run (only runs on labelled data have them). */
public final class ScoreChart {
    private static final List<String> KEYS = List.of(EpochRecord.NMI, EpochRecord.ACC, EpochRecord.ARI);
    private static final List<String> NAMES = List.of("NMI", "ACC", "ARI");
    private static final List<Color> COLORS = List.of(new Color(44, 160, 44), new Color(214, 39, 40),
            new Color(148, 103, 189));

    private ScoreChart() {
    }

    /**
     * Draws the evaluation scores.
     *
     * @param metrics the run's {@code metrics.jsonl} records
     * @return the chart, or empty when no line has a score
     */
    public static Optional<BufferedImage> draw(List<EpochRecord> metrics) {
        XYChart chart = Charts.epochChart("Clustering quality on the evaluation subset", "score");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        int drawn = 0;
        for (int i = 0; i < KEYS.size(); i++) {
            if (Charts.addCurve(chart, metrics, KEYS.get(i), NAMES.get(i), COLORS.get(i)).isPresent()) {
                drawn++;
            }
        }
        return drawn == 0 ? Optional.empty() : Optional.of(Charts.render(chart));
    }
}
