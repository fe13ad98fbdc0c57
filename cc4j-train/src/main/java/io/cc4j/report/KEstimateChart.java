package io.cc4j.report;

import io.cc4j.cluster.KCriterion;
import io.cc4j.cluster.KEstimate;
import io.cc4j.cluster.KScore;
import io.cc4j.data.ImageGrid;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line chart of a search for the number of clusters ({@code cc4j estimate-k}): the mean cosine silhouette and the
 * stability (mean pairwise ARI) against K on the left axis, the gap statistic with its {@code +-s} error bars on
 * the right axis, and a dashed vertical line at the chosen K. Each legend entry names the K its criterion chooses.
 */
public final class KEstimateChart {
    private static final Color SILHOUETTE = new Color(31, 119, 180);
    private static final Color STABILITY = new Color(148, 103, 189);
    private static final Color GAP = new Color(255, 127, 14);
    private static final int GAP_AXIS = 1;

    private KEstimateChart() {
    }

    /**
     * Draws the curves of every criterion that has values.
     *
     * @param estimate the search's result
     * @return the chart
     */
    public static BufferedImage draw(KEstimate estimate) {
        StringJoiner choices = new StringJoiner(", ", " (", ")");
        estimate.choices().forEach((c, k) -> choices.add(c.key() + " " + k));
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title(String.format(Locale.ROOT, "Choosing K: chosen K = %d%s", estimate.chosenK(), choices))
                .xAxisTitle(String.format(Locale.ROOT, "K (k-means on %,d of %,d feature vectors)",
                        estimate.settings().sampleRows(), estimate.settings().rows()))
                .build();
        Charts.style(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setErrorBarsColorSeriesColor(true);

        StringJoiner leftTitle = new StringJoiner(" / ");
        if (add(chart, estimate, KCriterion.SILHOUETTE, "silhouette", SILHOUETTE, 0) != null) {
            leftTitle.add("silhouette (cosine)");
        }
        XYSeries stability = add(chart, estimate, KCriterion.STABILITY, "stability", STABILITY, 0);
        if (stability != null) {
            leftTitle.add("stability (mean ARI)");
            stability.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                    new float[] {8f, 5f}, 0f));
        }
        // The gap has its own scale: the right axis, or the left one when it is drawn alone.
        String gapTitle = "gap statistic (+- s)";
        int gapAxis = leftTitle.length() > 0 ? GAP_AXIS : 0;
        if (add(chart, estimate, KCriterion.GAP, "gap", GAP, gapAxis) != null) {
            if (gapAxis == GAP_AXIS) {
                chart.setYAxisGroupTitle(GAP_AXIS, gapTitle);
                chart.getStyler().setYAxisGroupPosition(GAP_AXIS, Styler.YAxisPosition.Right);
            } else {
                leftTitle.add(gapTitle);
            }
        }
        chart.setYAxisTitle(leftTitle.toString());
        chart.getStyler().setAnnotationLineColor(Color.DARK_GRAY);
        chart.getStyler().setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND,
                10f, new float[] {6f, 4f}, 0f));
        chart.addAnnotation(new AnnotationLine(estimate.chosenK(), true, false));
        return Charts.render(chart);
    }

    /**
     * Draws the chart and writes it as a PNG file (atomically).
     *
     * @param estimate the search's result
     * @param target the file to write
     */
    public static void writePng(KEstimate estimate, Path target) {
        ImageGrid.writePng(draw(estimate), target);
    }

    /** Adds one criterion's finite values; returns the series, or null when it has none. */
    private static XYSeries add(XYChart chart, KEstimate estimate, KCriterion criterion, String name, Color color,
            int axis) {
        List<Double> ks = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (KScore r : estimate.rows()) {
            double v = r.value(criterion);
            if (Double.isFinite(v)) {
                ks.add((double) r.k());
                values.add(v);
                errors.add(criterion == KCriterion.GAP && Double.isFinite(r.gapError()) ? r.gapError() : 0.0);
            }
        }
        if (ks.isEmpty()) {
            return null;
        }
        Integer chosen = estimate.choices().get(criterion);
        String label = chosen == null ? name : name + " (K = " + chosen + ")";
        XYSeries series = criterion == KCriterion.GAP ? chart.addSeries(label, ks, values, errors)
                : chart.addSeries(label, ks, values);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setLineWidth(2.5f);
        series.setMarker(ks.size() <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        series.setYAxisGroup(axis);
        return series;
    }
}
