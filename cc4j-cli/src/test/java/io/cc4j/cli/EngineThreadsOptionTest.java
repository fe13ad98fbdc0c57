package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --threads: a negative count is a usage error (exit 2) naming the option, before any work, in every command. */
class EngineThreadsOptionTest {
    @TempDir
    Path tmp;

    @Test
    void aNegativeThreadCountIsRefusedBeforeAnyWork() {
        for (String[] args : new String[][] {
                {"serve", "--model", tmp.resolve("none").toString(), "--threads", "-1"},
                {"bench", "peak", "--threads", "-2"},
                {"bench", "step", "--threads", "-1"},
                {"bench", "serve", "--model", tmp.resolve("none").toString(), "--threads", "-1"}}) {
            CliRun.Result r = CliRun.once(args);
            assertThat(r.code()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
            assertThat(r.err()).contains("--threads must be 0 (all cores) or a positive count, got -");
        }
    }
}
