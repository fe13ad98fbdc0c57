package io.cc4j.report;

import io.cc4j.train.BoostEpochRecord;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line chart of the boost stage per epoch: the share of images carrying a pseudo-label, the accuracy of those
 * labels, and NMI / ACC / ARI of the cluster head when evaluated.
 */
public final class BoostChart {
    private BoostChart() {
    }

    /**
     * @param records the run's {@code boost.jsonl}
     * @return the chart, or empty without records
     */
    public static Optional<BufferedImage> draw(List<BoostEpochRecord> records) {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        XYChart chart = Charts.epochChart("Self-labeling boost stage", "share / score");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        add(chart, records, "labelled fraction", r -> r.labelledFraction(), new Color(31, 119, 180));
        add(chart, records, "label accuracy", BoostEpochRecord::labelAccuracy, new Color(255, 127, 14));
        add(chart, records, "NMI", BoostEpochRecord::nmi, new Color(44, 160, 44));
        add(chart, records, "ACC", BoostEpochRecord::acc, new Color(214, 39, 40));
        add(chart, records, "ARI", BoostEpochRecord::ari, new Color(148, 103, 189));
        return Optional.of(Charts.render(chart));
    }

    private static void add(XYChart chart, List<BoostEpochRecord> records, String name,
            Function<BoostEpochRecord, Double> value, Color color) {
        List<Integer> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (BoostEpochRecord r : records) {
            Double v = value.apply(r);
            if (v != null && Double.isFinite(v)) {
                x.add(r.epoch());
                y.add(v);
            }
        }
        if (!x.isEmpty()) {
            XYSeries s = chart.addSeries(name, x, y);
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
    }
}
