package io.cc4j.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;
import io.cc4j.option.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

class SettingOptionsTest {
    static final Setting<Double> RATE = Setting.positiveDouble("learningRate", 3e-4, "Adam learning rate.");
    static final Setting<Integer> EVERY = Setting.positiveInt("checkpointEvery", 10, "Checkpoint period.");
    static final Setting<Boolean> STRICT = Setting.flag("strict", false, "Fail on a bad image.");
    static final Setting<List<String>> DATA = Setting.strings("data", "Dataset specs.");
    static final Setting<Integer> THREADS = Setting.nonNegativeInt("threads", 0, "Engine threads.");
    static final List<SettingGroup> GROUPS = List.of(SettingGroup.of("First", RATE, EVERY),
            SettingGroup.of("Second", STRICT, DATA, THREADS));

    /** A command binding the groups, with the shared --threads mixin. */
    @Command(name = "try", sortOptions = false, modelTransformer = Bound.Bind.class)
    static final class Bound implements Runnable {
        @CommandLine.Spec
        CommandSpec spec;
        @Mixin
        ThreadsOption threads;

        static final class Bind implements IModelTransformer {
            @Override
            public CommandSpec transform(CommandSpec spec) {
                return SettingOptions.bind(spec, GROUPS, Settings.builder(GROUPS));
            }
        }

        @Override
        public void run() {
        }
    }

    private static Map<io.cc4j.option.Setting<?>, Object> given(String... args) {
        CommandLine cl = new CommandLine(new Bound());
        cl.parseArgs(args);
        return SettingOptions.given(((Bound) cl.getCommand()).spec, GROUPS);
    }

    @Test
    void eachSettingIsAnOptionNamedByItsFlagWithItsDocAndDefault() {
        String help = new CommandLine(new Bound()).getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertThat(help).contains("--lr=LR").contains("Adam learning rate. Default: 0.0003.")
                .contains("--checkpoint-every=C").contains("--[no-]strict").contains("--data=SPEC")
                .contains("Dataset specs (repeatable).").contains("Engine threads. Default: 0.")
                .containsSubsequence("First:", "--lr", "--checkpoint-every", "Second:", "--[no-]strict", "--data",
                        "--threads");
        assertThat(help.lines().filter(l -> l.trim().startsWith("--threads"))).as("the shared option, moved, not"
                + " declared again").hasSize(1);
    }

    @Test
    void onlyTheOptionsGivenAreReturnedWithTheirTypedValues() {
        assertThat(given()).isEmpty();
        Map<Setting<?>, Object> g = given("--lr", "0.5", "--no-strict", "--data", "a", "--data", "b", "--threads",
                "2");
        assertThat(g).containsOnlyKeys(RATE, STRICT, DATA, THREADS);
        assertThat(g.get(RATE)).isEqualTo(0.5);
        assertThat(g.get(STRICT)).isEqualTo(false);
        assertThat(g.get(DATA)).isEqualTo(List.of("a", "b"));
        assertThat(g.get(THREADS)).isEqualTo(2);
        assertThat(Settings.builder(GROUPS).setAll(g).build().get(RATE)).isEqualTo(0.5);
    }

    @Test
    void flagsAreKebabCaseUnlessMappedAndLabelsFollowTheType() {
        assertThat(Flags.of("checkpointEvery")).isEqualTo("--checkpoint-every");
        assertThat(Flags.of("learningRate")).isEqualTo("--lr");
        assertThat(Flags.names("clusters")).containsExactly("-k", "--clusters");
        assertThat(Flags.label(THREADS)).isEqualTo("N");
        assertThat(Flags.label(RATE)).isEqualTo("LR");
    }
}
