package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --precision: bf16 is refused before any work, with the reason, by every command that has the option. */
class PrecisionOptionTest {
    @TempDir
    Path tmp;

    @Test
    void bf16IsRefusedWithTheReasonAndNothingIsWritten() {
        Path out = tmp.resolve("run");
        for (String[] args : new String[][] {
                {"train", "--data", "synthetic", "--clusters", "2", "--out", out.toString(), "--precision", "bf16"},
                {"cluster", "--model", tmp.resolve("none").toString(), "--out", tmp.resolve("a.csv").toString(),
                    "--precision", "BF16"},
                {"bench", "step", "--precision", "bf16"},
                {"serve", "--model", tmp.resolve("none").toString(), "--precision", "bf16"}}) {
            CliRun.Result r = CliRun.once(args);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--precision bf16 is not available").contains("DJL").contains("fp32");
        }
        assertThat(out).doesNotExist();
        assertThat(tmp.resolve("a.csv")).doesNotExist();
    }

    @Test
    void anUnknownPrecisionIsAUsageError() {
        CliRun.Result r = CliRun.once("bench", "step", "--precision", "fp16");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("fp16");
    }
}
