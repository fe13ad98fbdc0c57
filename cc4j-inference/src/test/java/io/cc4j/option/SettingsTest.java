package io.cc4j.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final Setting<Double> RATE = Setting.positiveDouble("learningRate", 3e-4, "Adam learning rate.");
    private static final Setting<Integer> SIZE = Setting.positiveInt("size", 32, "Image edge.");
    private static final Setting<String> SHAPE = Setting.builder("imageShape", String.class, "Square or not.")
            .derived(s -> s.get(SIZE) > 64 ? "large" : "small", "large above 64 px").build();
    private static final Setting<List<String>> DATA = Setting.strings("data", "Dataset specs.");
    private static final Setting<String> SOURCE = Setting.builder("source", String.class, "The run.").build();
    private static final SettingGroup FLAT = SettingGroup.of("Flat", RATE, DATA, SHAPE);
    private static final SettingGroup NESTED = SettingGroup.nested("augment", "Nested", SIZE);
    private static final List<SettingGroup> GROUPS = List.of(FLAT, NESTED);

    @Test
    void unsetSettingsTakeTheirDefaultsOrDerivations() {
        Settings s = Settings.builder(GROUPS).build();
        assertThat(s.get(RATE)).isEqualTo(3e-4);
        assertThat(s.get(DATA)).isEmpty();
        assertThat(s.get(SHAPE)).isEqualTo("small");
        assertThat(Settings.builder(GROUPS).set(SIZE, 128).build().get(SHAPE)).isEqualTo("large");
        assertThat(Settings.builder(GROUPS).set(SIZE, 128).set(SHAPE, "odd").build().get(SHAPE)).isEqualTo("odd");
        assertThat(s.with(RATE, 0.1)).isNotEqualTo(s).isEqualTo(Settings.builder(GROUPS).set(RATE, 0.1).build());
    }

    @Test
    void aDerivationReadsTheDerivedSettingsDeclaredBeforeIt() {
        // SHAPE is derived from SIZE; LABEL from SHAPE, whether SHAPE was given or derived itself.
        Setting<String> label = Setting.builder("label", String.class, "Derived from a derived setting.")
                .derived(s -> s.get(SHAPE) + " images", "the shape, then images").build();
        List<SettingGroup> groups = List.of(FLAT, NESTED, SettingGroup.of("Later", label));
        assertThat(Settings.builder(groups).build().get(label)).isEqualTo("small images");
        assertThat(Settings.builder(groups).set(SIZE, 128).build().get(label)).isEqualTo("large images");
        assertThat(Settings.builder(groups).set(SHAPE, "odd").build().get(label)).isEqualTo("odd images");
        // the builder's view before build() agrees
        assertThat(Settings.builder(groups).set(SIZE, 128).get(label)).isEqualTo("large images");
        assertThat(Settings.builder(groups).set(SHAPE, "odd").get(label)).isEqualTo("odd images");
        assertThat(Settings.builder(groups).set(label, "given").build().get(label)).isEqualTo("given");
    }

    @Test
    void anInvalidValueIsNamedByItsFieldWithTheRequirementAndTheValue() {
        assertThatThrownBy(() -> Settings.builder(GROUPS).set(RATE, -1.0).build())
                .isInstanceOf(InvalidSettingException.class).isInstanceOf(InvalidInputException.class)
                .hasMessage("learningRate must be > 0, got -1.0")
                .satisfies(e -> {
                    InvalidSettingException bad = (InvalidSettingException) e;
                    assertThat(bad.setting()).isSameAs(RATE);
                    assertThat(bad.value()).isEqualTo(-1.0);
                    assertThat(bad.requirement()).isEqualTo("> 0");
                    assertThat(bad.describe(x -> "--lr")).isEqualTo("--lr must be > 0, got -1.0");
                });
        assertThatThrownBy(() -> Settings.builder(GROUPS).set(SIZE, 0).build()).hasMessage("size must be at least 1, got 0");
        assertThatThrownBy(() -> Settings.builder(SettingGroup.of("Run", SOURCE)).build())
                .hasMessage("source must be given");
        InvalidSettingException across = InvalidSettingException.across(List.of(RATE, SIZE),
                n -> n.get(0) + " must fit " + n.get(1));
        assertThat(across).hasMessage("learningRate must fit size");
        assertThat(across.describe(x -> "--" + x.key())).isEqualTo("--learning_rate must fit --size");
    }

    @Test
    void jsonKeepsTheKeysFlatOrNestedAndRoundTrips() throws Exception {
        Settings s = Settings.builder(GROUPS).set(RATE, 0.001).set(DATA, List.of("a", "b")).set(SIZE, 96).build();
        JsonNode json = s.toJson();
        assertThat(json.get("learning_rate").asDouble()).isEqualTo(0.001);
        assertThat(json.get("image_shape").asText()).isEqualTo("large");
        assertThat(json.get("augment").get("size").asInt()).isEqualTo(96);
        assertThat(Settings.fromJson(GROUPS, json, "x").build()).isEqualTo(s);
    }

    @Test
    void jsonLeavingKeysOutTakesDefaultsAndRefusesUnknownKeysByName() throws Exception {
        ObjectMapper m = new ObjectMapper();
        Settings partial = Settings.fromJson(GROUPS, m.readTree("{\"augment\": {\"size\": 100}}"), "f.json").build();
        assertThat(partial.get(RATE)).isEqualTo(3e-4);
        assertThat(partial.get(SHAPE)).as("derived when left out").isEqualTo("large");
        assertThatThrownBy(() -> Settings.fromJson(GROUPS, m.readTree("{\"learning_rat\": 1}"), "f.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("f.json")
                .hasMessageContaining("unknown key \"learning_rat\"").hasMessageContaining("learning_rate");
        assertThatThrownBy(() -> Settings.fromJson(GROUPS, m.readTree("{\"augment\": {\"sise\": 1}}"), "f.json"))
                .hasMessageContaining("unknown key \"augment.sise\"");
        assertThatThrownBy(() -> Settings.fromJson(GROUPS, m.readTree("{\"data\": {\"a\": 1}}"), "f.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("f.json").hasMessageContaining("\"data\"");
    }

    @Test
    void aSettingReadsItsValueFromText() {
        assertThat(RATE.parse("1e-3")).isEqualTo(1e-3);
        assertThat(SIZE.parse(" 7")).isEqualTo(7);
        assertThat(RATE.key()).isEqualTo("learning_rate");
        assertThat(Settings.jsonPath(GROUPS, SIZE)).isEqualTo("augment.size");
        assertThat(Settings.jsonPath(GROUPS, RATE)).isEqualTo("learning_rate");
        assertThat(RATE.defaultText()).isEqualTo("0.0003");
        assertThat(SHAPE.defaultText()).isEqualTo("large above 64 px");
        assertThat(Setting.format(15.0)).isEqualTo("15");
        assertThat(Setting.format(true)).isEqualTo("on");
    }
}
