package io.cc4j.report;

import java.awt.Color;
import io.cc4j.train.EpochRecord;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

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
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("Clustering quality on the evaluation subset").xAxisTitle("epoch").yAxisTitle("score")
                .build();
        Charts.style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        int drawn = 0;
        for (int i = 0; i < KEYS.size(); i++) {
            MetricSeries s = MetricSeries.of(metrics, KEYS.get(i));
            if (s.size() == 0) {
                continue;
            }
            XYSeries series = chart.addSeries(NAMES.get(i), s.epochs(), s.values());
            series.setLineColor(COLORS.get(i));
            series.setMarkerColor(COLORS.get(i));
            series.setLineWidth(2.5f);
            series.setMarker(s.size() <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            drawn++;
        }
        return drawn == 0 ? Optional.empty() : Optional.of(Charts.render(chart));
    }
}
