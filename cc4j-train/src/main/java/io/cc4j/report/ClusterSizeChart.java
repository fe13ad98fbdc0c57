package io.cc4j.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/** Bar chart of the number of images in each cluster, so collapsed or dominant clusters stand out. */
public final class ClusterSizeChart {
    private ClusterSizeChart() {
    }

    /**
     * Draws the cluster sizes.
     *
     * @param sizes images per cluster, indexed by cluster id
     * @param order cluster ids in display order (the same order as the confusion matrix)
     * @return the chart
     */
    public static BufferedImage draw(long[] sizes, int[] order) {
        long total = 0;
        List<String> names = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int c : order) {
            names.add(Integer.toString(c));
            counts.add(sizes[c]);
            total += sizes[c];
        }
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title(String.format(Locale.ROOT, "Cluster sizes (%,d images, %d clusters)", total, sizes.length))
                .xAxisTitle("cluster").yAxisTitle("images").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setAvailableSpaceFill(0.8);
        if (order.length > 60) {
            // Too many bars for readable ids; the order is the confusion matrix's, the ids are in the cluster table.
            chart.getStyler().setXAxisTicksVisible(false);
            chart.setXAxisTitle("cluster (" + order.length + ", in confusion-matrix order)");
        } else if (order.length > 30) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        if (order.length <= 30) {
            chart.getStyler().setLabelsVisible(true);
            chart.getStyler().setLabelsFont(new Font(Charts.FONT, Font.PLAIN, 12));
            chart.getStyler().setLabelsPosition(0.92);
        }
        CategorySeries s = chart.addSeries("images", names, counts);
        s.setFillColor(new Color(31, 119, 180));
        return Charts.render(chart);
    }
}
