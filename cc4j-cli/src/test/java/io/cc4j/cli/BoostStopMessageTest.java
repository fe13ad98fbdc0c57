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
        assertThat(BoostCommand.stopped(after(3, 10), "SIGINT"))
                .contains("stopped by SIGINT after epoch 3 of 10")
                .contains("checkpoint " + run.resolve("checkpoints/epoch-00003.ckpt"))
                .contains("continue with: cc4j boost --resume " + run);
    }

    @Test
    void aStopInTheLastEpochSaysTheRunIsComplete() {
        assertThat(BoostCommand.stopped(after(10, 10), "SIGTERM"))
                .contains("stopped by SIGTERM at the end of boosting")
                .contains("cc4j cluster --model " + run)
                .doesNotContain("--resume");
    }

    /** A boost run that stopped after {@code epochs} of {@code planned}, with that epoch's checkpoint. */
    private BoostTrainer.Result after(int epochs, int planned) {
        return new BoostTrainer.Result(run, epochs, planned, List.of(),
                run.resolve(String.format("checkpoints/epoch-%05d.ckpt", epochs)), 12.5);
    }
}
