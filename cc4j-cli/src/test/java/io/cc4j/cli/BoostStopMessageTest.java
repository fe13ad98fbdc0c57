package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.train.BoostTrainer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code cc4j boost} says when a signal stopped it after an epoch: the checkpoint and how to continue. */
class BoostStopMessageTest {
    private final Path run = Path.of("runs", "fm-boost");

    @Test
    void aStopBeforeTheLastEpochSaysHowToContinue() {
        BoostTrainer.Result r = new BoostTrainer.Result(run, 3, 10, List.of(), run.resolve("checkpoints/epoch-00003.ckpt"),
                12.5);
        assertThat(BoostCommand.stopped(r, "SIGINT"))
                .contains("stopped by SIGINT after epoch 3 of 10")
                .contains("checkpoint " + run.resolve("checkpoints/epoch-00003.ckpt"))
                .contains("continue with: cc4j boost --resume " + run);
    }

    @Test
    void aStopInTheLastEpochSaysTheRunIsComplete() {
        BoostTrainer.Result r = new BoostTrainer.Result(run, 10, 10, List.of(), run.resolve("checkpoints/epoch-00010.ckpt"),
                40.0);
        assertThat(BoostCommand.stopped(r, "SIGTERM"))
                .contains("stopped by SIGTERM at the end of boosting")
                .contains("cc4j cluster --model " + run)
                .doesNotContain("--resume");
    }
}
