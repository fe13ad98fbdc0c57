package io.cc4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * Heat map of the confusion matrix, clusters (rows, in matching order) against classes (columns). A cell's
 * colour is the fraction of its cluster that has that class, so a pure cluster is one dark cell in a white row;
 * the counts are written in the cells when there are at most {@value #MAX_ANNOTATED} clusters and classes.
 */
public final class ConfusionHeatMap {
    /** Largest number of rows or columns whose cells get their count written in them. */
    public static final int MAX_ANNOTATED = 20;

    private static final Color LOW = new Color(247, 251, 255);
    private static final Color HIGH = new Color(8, 48, 107);

    private ConfusionHeatMap() {
    }

    /**
     * Draws the heat map.
     *
     * @param counts contingency table, {@code counts[cluster][class]}
     * @param order cluster ids in display order
     * @param classNames class names indexed by label (missing names are shown as the label number)
     * @return the picture
     */
    public static BufferedImage draw(long[][] counts, int[] order, List<String> classNames) {
        int rows = order.length;
        int cols = counts.length == 0 ? 0 : counts[0].length;
        // Cells may be rectangular: 50 clusters x 10 classes keeps readable columns.
        int cellW = Math.max(4, Math.min(56, 760 / Math.max(1, cols)));
        int cellH = Math.max(4, Math.min(56, 760 / Math.max(1, rows)));
        boolean annotate = rows <= MAX_ANNOTATED && cols <= MAX_ANNOTATED;
        boolean rowLabels = cellH >= 11;
        boolean colTicks = cellW >= 11;
        Font rowFont = new Font(Charts.FONT, Font.PLAIN, Math.min(14, Math.max(9, cellH - 2)));
        Font colFont = new Font(Charts.FONT, Font.PLAIN, Math.min(14, Math.max(9, cellW - 2)));
        Font titleFont = new Font(Charts.FONT, Font.BOLD, 18);
        Font axisFont = new Font(Charts.FONT, Font.PLAIN, 15);

        String[] colLabels = new String[cols];
        for (int l = 0; l < cols; l++) {
            colLabels[l] = l < classNames.size() && !classNames.get(l).isBlank() ? classNames.get(l) : "class " + l;
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics cfm = pg.getFontMetrics(colFont);
        int longestCol = colTicks ? Arrays.stream(colLabels).mapToInt(cfm::stringWidth).max().orElse(0) : 0;
        int rowLabelWidth = rowLabels ? pg.getFontMetrics(rowFont).stringWidth("cluster " + (rows - 1)) : 0;
        pg.dispose();

        int left = 50 + rowLabelWidth + 10;
        int top = 60;
        int gridW = cols * cellW;
        int gridH = rows * cellH;
        int bottom = 20 + (int) Math.ceil(longestCol * Math.sin(Math.toRadians(45))) + 40;
        int legendW = 90;
        int width = Math.max(left + gridW + legendW + 20, 500);
        int height = top + gridH + bottom;

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);

            g.setColor(Color.BLACK);
            g.setFont(titleFont);
            centered(g, "Confusion matrix: clusters vs classes", width / 2, 30);

            Font cellFont = new Font(Charts.FONT, Font.PLAIN, Math.max(9, Math.min(14, Math.min(cellW, cellH) / 3)));
            for (int r = 0; r < rows; r++) {
                long[] row = counts[order[r]];
                long total = Arrays.stream(row).sum();
                for (int l = 0; l < cols; l++) {
                    double frac = total == 0 ? 0 : (double) row[l] / total;
                    int x = left + l * cellW;
                    int y = top + r * cellH;
                    g.setColor(blend(frac));
                    g.fillRect(x, y, cellW, cellH);
                    if (annotate) {
                        g.setFont(cellFont);
                        g.setColor(Math.sqrt(frac) > 0.55 ? Color.WHITE : Color.BLACK);
                        centered(g, Long.toString(row[l]), x + cellW / 2,
                                y + cellH / 2 + g.getFontMetrics().getAscent() / 2 - 1);
                    }
                }
            }
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(left, top, gridW, gridH);

            g.setColor(Color.BLACK);
            if (rowLabels) {
                g.setFont(rowFont);
                FontMetrics fm = g.getFontMetrics();
                for (int r = 0; r < rows; r++) {
                    String s = "cluster " + order[r];
                    g.drawString(s, left - 6 - fm.stringWidth(s), top + r * cellH + cellH / 2 + fm.getAscent() / 2 - 1);
                }
            }
            if (colTicks) {
                g.setFont(colFont);
                FontMetrics fm = g.getFontMetrics();
                for (int l = 0; l < cols; l++) {
                    AffineTransform saved = g.getTransform();
                    g.translate(left + l * cellW + cellW / 2 - fm.getAscent() / 3, top + gridH + 8);
                    g.rotate(Math.toRadians(45));
                    g.drawString(colLabels[l], 0, 0);
                    g.setTransform(saved);
                }
            }
            g.setFont(axisFont);
            centered(g, "true class", left + gridW / 2, height - 14);
            AffineTransform saved = g.getTransform();
            g.translate(22, top + gridH / 2);
            g.rotate(-Math.PI / 2);
            centered(g, "cluster (ordered by matched class)", 0, 0);
            g.setTransform(saved);

            drawLegend(g, left + gridW + 30, top, Math.min(gridH, 300));
        } finally {
            g.dispose();
        }
        return img;
    }

    private static void drawLegend(Graphics2D g, int x, int y, int h) {
        int w = 18;
        for (int i = 0; i < h; i++) {
            double s = 1.0 - (double) i / Math.max(1, h - 1);
            g.setColor(blend(s * s));
            g.fillRect(x, y + i, w, 1);
        }
        g.setColor(Color.GRAY);
        g.drawRect(x, y, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Charts.FONT, Font.PLAIN, 12));
        for (double t : new double[] {1.0, 0.5, 0.25, 0.1, 0.0}) {
            // The colour scale is the square root of the share, so the ticks are placed on that scale.
            int ty = y + (int) Math.round((1 - Math.sqrt(t)) * (h - 1));
            g.drawLine(x + w, ty, x + w + 3, ty);
            g.drawString(Double.toString(t), x + w + 5, ty + 4);
        }
        AffineTransform saved = g.getTransform();
        g.translate(x + w + 36, y + h / 2);
        g.rotate(Math.PI / 2);
        centered(g, "share of cluster", 0, 0);
        g.setTransform(saved);
    }

    private static Color blend(double t) {
        // Square root stretches the low end so small confusions remain visible.
        double s = Math.sqrt(Math.max(0, Math.min(1, t)));
        return new Color(mix(LOW.getRed(), HIGH.getRed(), s), mix(LOW.getGreen(), HIGH.getGreen(), s),
                mix(LOW.getBlue(), HIGH.getBlue(), s));
    }

    private static int mix(int a, int b, double t) {
        return (int) Math.round(a + (b - a) * t);
    }

    private static void centered(Graphics2D g, String s, int cx, int baseline) {
        g.drawString(s, cx - g.getFontMetrics().stringWidth(s) / 2, baseline);
    }
}
