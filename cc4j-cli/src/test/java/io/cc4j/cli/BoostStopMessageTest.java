package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.train.BoostTrainer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code cc4j boost} says when a signal stopped it: where, the checkpoint, and how to continue. */
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
    void aStopAfterAStepSaysWhereAndHowToContinue() {
        Path step = run.resolve("checkpoints/epoch-00004-step-000012.ckpt");
        BoostTrainer.Result r = new BoostTrainer.Result(run, 3, 10, List.of(), step, 12.5,
                new io.cc4j.train.BoostProgress("boost", 4, 12, 1000, 1L, 2L, 12, 1.0, 2.0, 3.0, 0));
        assertThat(BoostCommand.stopped(r, "SIGTERM"))
                .contains("stopped by SIGTERM in epoch 4 of 10 after step 12")
                .contains("checkpoint " + step)
                .contains("continue with: cc4j boost --resume " + run);
    }

    @Test
    void aStopBeforeTheFirstStepSaysThereIsNothingToSave() {
        assertThat(BoostCommand.stopped(new BoostTrainer.Result(run, 0, 10, List.of(), null, 1.0), "SIGINT"))
                .isEqualTo("stopped by SIGINT before the first step; nothing to save");
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
