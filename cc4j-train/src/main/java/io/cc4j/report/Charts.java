package io.cc4j.report;

import io.cc4j.train.EpochRecord;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The look shared by every chart of the report: white background, readable fonts, legend inside the plot. */
final class Charts {
    /** Width of the line and bar charts in pixels. */
    static final int WIDTH = 900;
    /** Height of the line and bar charts in pixels. */
    static final int HEIGHT = 450;
    /** Sans-serif family available on any JVM. */
    static final String FONT = Font.SANS_SERIF;

    private Charts() {
    }

    /** Applies the report's style to an axes chart. */
    static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.GRAY);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 18));
        s.setChartTitleBoxBackgroundColor(Color.WHITE);
        s.setChartTitleBoxBorderColor(Color.WHITE);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 15));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 13));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 14));
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setAntiAlias(true);
        s.setChartPadding(12);
    }

    /** A line chart over the epochs of a run (whole-number epoch axis) in the report's style. */
    static XYChart epochChart(String title, String yAxisTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle(yAxisTitle).build();
        style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("#");
        return chart;
    }

    /**
     * Adds the curve of one {@code metrics.jsonl} field to an epoch chart.
     *
     * @return the added series, or empty (nothing added) when no record has a finite value of {@code key}
     */
    static Optional<XYSeries> addCurve(XYChart chart, List<EpochRecord> metrics, String key, String name,
            Color color) {
        MetricSeries s = MetricSeries.of(metrics, key);
        if (s.size() == 0) {
            return Optional.empty();
        }
        XYSeries series = chart.addSeries(name, s.epochs(), s.values());
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setLineWidth(2.5f);
        // Markers show single epochs on short runs and only clutter long ones.
        series.setMarker(s.size() <= 40 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return Optional.of(series);
    }

    /** Renders a chart to a picture, headless. */
    static BufferedImage render(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }
}
