package io.cc4j.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.cluster.GapStatistic;
import io.cc4j.cluster.KCriterion;
import io.cc4j.cluster.KEstimate;
import io.cc4j.cluster.KScore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KEstimateChartTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Rows shaped like a search on 7 blobs: every criterion peaks at 7. */
    static KEstimate estimate(Set<KCriterion> criteria, int minK) {
        double[] silhouette = {0.31, 0.43, 0.54, 0.59, 0.68, 0.75, 0.66, 0.59, 0.49};
        double[] gap = {0.45, 0.65, 0.83, 0.98, 1.22, 1.55, 1.52, 1.50, 1.49};
        double[] stability = {0.12, 0.82, 0.85, 0.80, 0.72, 1.0, 0.95, 0.86, 0.84};
        List<KScore> rows = new ArrayList<>();
        if (minK == 1) {
            rows.add(new KScore(1, 400, Double.NaN, criteria.contains(KCriterion.GAP) ? 0.2 : Double.NaN,
                    criteria.contains(KCriterion.GAP) ? 0.02 : Double.NaN, Double.NaN, Double.NaN, 0.1));
        }
        for (int i = 0; i < silhouette.length; i++) {
            rows.add(new KScore(i + 2, 300 - 20 * i,
                    criteria.contains(KCriterion.SILHOUETTE) ? silhouette[i] : Double.NaN,
                    criteria.contains(KCriterion.GAP) ? gap[i] : Double.NaN,
                    criteria.contains(KCriterion.GAP) ? 0.02 : Double.NaN,
                    criteria.contains(KCriterion.STABILITY) ? stability[i] : Double.NaN,
                    criteria.contains(KCriterion.STABILITY) ? 0.05 : Double.NaN, 0.1));
        }
        KEstimate.Settings settings = new KEstimate.Settings(70_000, 10_000, 128, true, minK, 10, 3, 300, 42,
                List.copyOf(criteria), 10, GapStatistic.Reference.PCA_BOX, 5, 0.8);
        return new KEstimate(rows, settings, 12.5);
    }

    @Test
    void writesAReadablePngWithAllThreeCriteria() throws IOException {
        KEstimate e = estimate(EnumSet.allOf(KCriterion.class), 1);
        assertThat(e.chosenK()).isEqualTo(7);
        Path png = tmp.resolve("estimate-k.png");

        KEstimateChart.writePng(e, png);

        assertThat(Files.size(png)).isGreaterThan(5_000);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(img.getHeight()).isEqualTo(Charts.HEIGHT);
        // The three curves' colours are all drawn.
        Set<Integer> colours = colours(img);
        assertThat(colours).contains(0x1f77b4, 0x9467bd, 0xff7f0e);
    }

    @Test
    void drawsASingleCriterionOnItsOwn() {
        for (KCriterion only : KCriterion.values()) {
            BufferedImage img = KEstimateChart.draw(estimate(EnumSet.of(only), 2));
            assertThat(img.getWidth()).as(only.key()).isEqualTo(Charts.WIDTH);
            Set<Integer> colours = colours(img);
            int expected = switch (only) {
                case SILHOUETTE -> 0x1f77b4;
                case STABILITY -> 0x9467bd;
                case GAP -> 0xff7f0e;
            };
            assertThat(colours).as(only.key()).contains(expected);
        }
    }

    private static Set<Integer> colours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                colours.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        return colours;
    }
}
