package io.cc4j.cli.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.InvalidInputException;
import io.cc4j.inference.MissingCentroidsException;
import io.cc4j.io.CannotWriteException;
import io.cc4j.model.FeatureKind;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.option.Setting;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorHandlerTest {
    private static Thrown.Outcome run(RuntimeException e, ErrorHandler handler) {
        return Thrown.by(e, handler);
    }

    private static Thrown.Outcome run(RuntimeException e) {
        return run(e, ErrorHandler.builder("cc4j").build());
    }

    @Test
    void aSettingIsNamedByItsFlagAndExitsTwo() {
        Setting<Double> rate = Setting.positiveDouble("learningRate", 3e-4, "Adam learning rate.");
        Thrown.Outcome o = run(new InvalidSettingException(rate, -1.0, "> 0"));
        assertThat(o).isEqualTo(new Thrown.Outcome(2, "cc4j: error: --lr must be > 0, got -1.0"));
    }

    @Test
    void badInputAnywhereInTheCausesExitsTwoWithItsMessage() {
        Thrown.Outcome o = run(new IllegalStateException("wrapped", new InvalidInputException("no such file: x")));
        assertThat(o).isEqualTo(new Thrown.Outcome(2, "cc4j: error: no such file: x"));
        Thrown.Outcome spark = run(new IllegalStateException("job failed", new IllegalArgumentException("bad column")),
                ErrorHandler.builder("cc4j spark").badInput(IllegalArgumentException.class).build());
        assertThat(spark).isEqualTo(new Thrown.Outcome(2, "cc4j spark: error: bad column"));
    }

    @Test
    void anOutputThatCannotBeWrittenExitsThreeAndAnythingElseOne() {
        Thrown.Outcome full = run(new IllegalStateException("x", new CannotWriteException(Path.of("/out"), "cannot write /out: disk full",
                new java.io.IOException("No space left on device"))));
        assertThat(full.code()).isEqualTo(3);
        assertThat(full.err()).startsWith("cc4j: error: cannot write /out: disk full");
        Thrown.Outcome bug = run(new NullPointerException("oops"));
        assertThat(bug.code()).isEqualTo(1);
        assertThat(bug.err()).startsWith("cc4j: internal error: java.lang.NullPointerException: oops");
    }

    @Test
    void missingCentroidsGetTheCommandThatSavesThem() {
        Path run = Path.of("runs", "fm");
        Thrown.Outcome o = run(new MissingCentroidsException(run, FeatureKind.INSTANCE, run.resolve("kmeans-instance.json")));
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("they are saved when the run's images are clustered with k-means")
                .endsWith("; run 'cc4j cluster --model " + run + " --method kmeans --on instance' first");
    }

    @Test
    void everyHelpListsTheStandardExitCodesAndTheCommandsOwn() {
        CommandLine cl = CommandLines.configure(new CommandLine(new Thrown.Thrower(null)), ErrorHandler.builder("x").build());
        Map<String, String> codes = cl.getCommandSpec().usageMessage().exitCodeList();
        assertThat(codes.keySet()).containsExactly("0", "1", "2", "3", "130");
        assertThat(codes.get("130")).isEqualTo("stopped");
    }
}
