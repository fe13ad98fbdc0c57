package io.cc4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KEstimateTest {
    private static final KEstimate.Settings SETTINGS = new KEstimate.Settings(500, 400, 16, true, 2, 6, 3, 300, 42,
            List.of(KCriterion.SILHOUETTE, KCriterion.GAP, KCriterion.STABILITY), 10,
            GapStatistic.Reference.PCA_BOX, 5, 0.8);

    private static List<KScore> rows(double[] silhouette, double[] gap, double[] stability) {
        List<KScore> rows = new ArrayList<>();
        for (int i = 0; i < silhouette.length; i++) {
            rows.add(new KScore(i + 2, 100 - i, silhouette[i], gap[i], 0.05, stability[i], 0.01, 0.5));
        }
        return rows;
    }

    private static Map<KCriterion, Integer> votes(Integer silhouette, Integer gap, Integer stability) {
        Map<KCriterion, Integer> m = new EnumMap<>(KCriterion.class);
        if (silhouette != null) {
            m.put(KCriterion.SILHOUETTE, silhouette);
        }
        if (gap != null) {
            m.put(KCriterion.GAP, gap);
        }
        if (stability != null) {
            m.put(KCriterion.STABILITY, stability);
        }
        return m;
    }

    @Test
    void overallChoiceIsTheMajorityElseTheFirstCriterion() {
        assertThat(KEstimate.overallChoice(votes(5, 5, 5)).getAsInt()).isEqualTo(5);
        assertThat(KEstimate.overallChoice(votes(3, 5, 5)).getAsInt()).isEqualTo(5);
        assertThat(KEstimate.overallChoice(votes(3, 5, 3)).getAsInt()).isEqualTo(3);
        assertThat(KEstimate.overallChoice(votes(3, 4, 5)).getAsInt()).isEqualTo(3);
        assertThat(KEstimate.overallChoice(votes(null, 4, 6)).getAsInt()).isEqualTo(4);
        assertThat(KEstimate.overallChoice(votes(null, null, 6)).getAsInt()).isEqualTo(6);
        assertThat(KEstimate.overallChoice(votes(null, null, null))).isEmpty();
    }

    @Test
    void eachCriterionAppliesItsRuleToTheRows() {
        KEstimate e = new KEstimate(rows(new double[] {0.3, 0.6, 0.6, 0.4, 0.2},
                new double[] {0.5, 0.8, 1.2, 1.21, 1.1}, new double[] {0.9, 0.8, 1.0, 1.0, 0.7}), SETTINGS, 3.0);
        // Silhouette: ties to the smaller K; gap: 4 (1.2 >= 1.21 - 0.05); stability: ties to the larger K.
        assertThat(e.choices()).containsEntry(KCriterion.SILHOUETTE, 3).containsEntry(KCriterion.GAP, 4)
                .containsEntry(KCriterion.STABILITY, 5);
        assertThat(e.chosenK()).isEqualTo(3);
        assertThat(e.row(4).gap()).isEqualTo(1.2);
        assertThat(e.row(7)).isNull();
    }

    @Test
    void criteriaWithoutValuesDoNotVote() {
        double[] none = {Double.NaN, Double.NaN, Double.NaN};
        KEstimate e = new KEstimate(rows(new double[] {0.1, 0.5, 0.2}, none, none), SETTINGS, 1.0);
        assertThat(e.choices()).containsOnlyKeys(KCriterion.SILHOUETTE);
        assertThat(e.chosenK()).isEqualTo(3);
        assertThatThrownBy(() -> new KEstimate(rows(none, none, none), SETTINGS, 1.0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no criterion");
    }

    @Test
    void rowsMustBeConsecutive() {
        List<KScore> gappy = List.of(new KScore(2, 1, 0.5, 0, 0, 0, 0, 0), new KScore(4, 1, 0.6, 0, 0, 0, 0, 0));
        assertThatThrownBy(() -> new KEstimate(gappy, SETTINGS, 1.0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("consecutive");
        assertThatThrownBy(() -> new KEstimate(List.of(), SETTINGS, 1.0)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void jsonRoundTripsAndWritesNullForWhatWasNotComputed() throws Exception {
        List<KScore> rows = new ArrayList<>();
        rows.add(new KScore(1, 120.5, Double.NaN, 0.2, 0.03, Double.NaN, Double.NaN, 0.25));
        rows.addAll(rows(new double[] {0.3, 0.6, 0.5}, new double[] {0.5, 0.8, 0.7}, new double[] {0.9, 0.95, 0.7}));
        KEstimate.Settings settings = new KEstimate.Settings(500, 400, 16, true, 1, 4, 3, 300, -7,
                List.of(KCriterion.SILHOUETTE, KCriterion.GAP, KCriterion.STABILITY), 10,
                GapStatistic.Reference.BOUNDING_BOX, 5, 0.8);
        KEstimate e = new KEstimate(rows, settings, 9.5);

        String json = e.toJson();
        JsonNode tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("chosenK").asInt()).isEqualTo(e.chosenK());
        assertThat(tree.get("rows").get(0).get("silhouette").isNull()).isTrue();
        assertThat(tree.get("rows").get(0).get("gap").asDouble()).isEqualTo(0.2);
        assertThat(tree.get("choices").get("silhouette").asInt()).isEqualTo(3);
        assertThat(json).doesNotContain("NaN");

        KEstimate back = KEstimate.fromJson(json);
        assertThat(back.rows()).isEqualTo(e.rows());
        assertThat(back.settings()).isEqualTo(e.settings());
        assertThat(back.choices()).isEqualTo(e.choices());
        assertThat(back.chosenK()).isEqualTo(e.chosenK());
        assertThat(back.seconds()).isEqualTo(9.5);
        assertThatThrownBy(() -> KEstimate.fromJson("{\"rows\": []}")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void tableMarksTheChosenRowAndListsTheChoices() {
        KEstimate e = new KEstimate(rows(new double[] {0.3, 0.6, 0.5}, new double[] {0.5, 0.8, 0.7},
                new double[] {0.9, 0.95, 0.7}), SETTINGS, 3.0);
        String table = e.table();
        assertThat(table.lines().filter(l -> l.contains("<- chosen")).toList()).singleElement()
                .satisfies(l -> assertThat(l.trim()).startsWith("3 "));
        assertThat(table).contains("silhouette  K = 3").contains("gap         K = 3").contains("stability   K = 3")
                .contains("chosen      K = 3 (400 of 500 vectors");
    }
}
