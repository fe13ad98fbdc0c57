package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cc4j.data.FashionMnist;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * A command run in-process (as the tests run them) leaves SIGINT and SIGTERM with the handlers they had before,
 * whether it succeeded or failed: train and boost (GracefulStop) and serve (ShutdownSignals) install their own
 * while they run.
 */
class SignalHandlersRestoredTest {
    @TempDir
    Path tmp;
    private final Signal[] signals = {new Signal("INT"), new Signal("TERM")};
    private final SignalHandler mine = s -> { };
    private final SignalHandler[] original = new SignalHandler[2];

    @BeforeEach
    void installMine() {
        for (int i = 0; i < 2; i++) {
            original[i] = Signal.handle(signals[i], mine);
        }
    }

    @AfterEach
    void restoreOriginal() {
        for (int i = 0; i < 2; i++) {
            Signal.handle(signals[i], original[i]);
        }
    }

    /** The handler each signal has now (read by swapping it out and back). */
    private void assertMineAfter(String what) {
        for (Signal s : signals) {
            SignalHandler now = Signal.handle(s, mine);
            assertThat(now).as("SIG%s's handler after %s", s.getName(), what).isSameAs(mine);
        }
    }

    @Test
    void afterCommandsThatFailed() throws Exception {
        assertThat(CliRun.once("train", "--epochs", "1").code()).isEqualTo(2); // no --out: fails while handled
        assertMineAfter("a failed train");
        assertThat(CliRun.once("boost", "--epochs", "2").code()).isEqualTo(2);
        assertMineAfter("a failed boost");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path run = Path.of("src/test/resources/does-not-matter");
            assertThat(CliRun.once("serve", "--model", run.toString(), "--port",
                    Integer.toString(taken.getLocalPort())).code()).isEqualTo(2);
        }
        assertMineAfter("a failed serve");
    }

    @Test
    void afterATrainingRunThatSucceeded() {
        Path dir = FashionMnist.defaultDirectory().orElse(null);
        assumeTrue(dir != null, "Fashion-MNIST not installed: run scripts/install-fashion-mnist.sh (CI does)");
        CliRun.Result r = CliRun.once("train", "--data", "fashion-mnist-test:" + dir, "--limit", "64", "--clusters", "4",
                "--out", tmp.resolve("run").toString(), "--width", "4", "--size", "16", "--batch-size", "32",
                "--epochs", "1", "--threads", "1", "--eval-subset", "64", "--no-finish");
        assertThat(r.code()).as(r.err()).isZero();
        assertMineAfter("a train that succeeded");
    }
}
