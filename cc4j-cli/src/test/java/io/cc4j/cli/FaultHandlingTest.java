package io.cc4j.cli;

import io.cc4j.train.RunPolicy;
import io.cc4j.train.DataLimits;
import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.data.SyntheticCifar10;
import io.cc4j.train.EpochProgress;
import io.cc4j.train.TrainConfig;
import io.cc4j.train.TrainingResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages of the fault paths that need no training: dry runs, unwritable outputs, image limits. */
class FaultHandlingTest {
    @TempDir
    static Path tmp;
    static String spec;

    @BeforeAll
    static void data() {
        spec = SyntheticCifar10.write(tmp.resolve("data"), 60, 4, 1);
    }

    @Test
    void dryRunPrintsTheResolvedConfigurationAndWritesNothing() {
        Path out = tmp.resolve("dry");
        CliRun.Result r = CliRun.once("train", "--data", spec, "--clusters", "4", "--batch-size", "16", "--out",
                out.toString(), "--checkpoint-minutes", "2.5", "--max-pixels", "1000", "--strict", "--dry-run");
        assertThat(r.code()).as(r.err()).isZero();
        TrainConfig printed = TrainConfig.fromJson(r.out(), "output");
        assertThat(printed.get(RunPolicy.CHECKPOINT_MINUTES)).isEqualTo(2.5);
        assertThat(printed.get(DataLimits.MAX_PIXELS)).isEqualTo(1000L);
        assertThat(printed.get(DataLimits.STRICT)).isTrue();
        assertThat(out).doesNotExist();
        CliRun.Result tooBig = CliRun.once("train", "--data", spec, "--clusters", "4", "--batch-size", "64", "--out",
                out.toString(), "--dry-run");
        assertThat(tooBig.code()).isEqualTo(2);
        assertThat(tooBig.err()).contains("fewer than one batch of 64");
    }

    @Test
    void anOutputThatCannotBeWrittenExitsWithThree() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "not a directory");
        Path out = file.resolve("run");
        CliRun.Result r = CliRun.once("train", "--data", spec, "--clusters", "4", "--batch-size", "16", "--out",
                out.toString(), "--no-finish");
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("cc4j: error: cannot write in the run directory " + out).doesNotContain("\tat ");
    }

    @Test
    void aStoppedRunSaysWhereAndHowToContinue() {
        Path run = tmp.resolve("r");
        EpochProgress at = new EpochProgress(2, "full", 3, 3, 60, 1, 2, 3, 0, 0, 3, null, 48, 1.5, 0);
        TrainingResult mid = new TrainingResult(run, 1, List.of(), run.resolve("checkpoints/epoch-00002-step-000003.ckpt"),
                9, true, at);
        assertThat(TrainCommand.stopped(mid, "SIGINT", run)).contains("stopped by SIGINT in epoch 2 after step 3")
                .contains("epoch-00002-step-000003.ckpt").contains("continue with: cc4j train --resume " + run);
        TrainingResult end = new TrainingResult(run, 2, List.of(), run.resolve("checkpoints/epoch-00002.ckpt"), 9,
                true, null);
        assertThat(TrainCommand.stopped(end, "SIGTERM", run)).contains("stopped by SIGTERM after epoch 2");
        TrainingResult before = new TrainingResult(run, 0, List.of(), null, 1, true, null);
        assertThat(TrainCommand.stopped(before, "SIGINT", run)).contains("before the first step; nothing new to save");
    }

    @Test
    void theImageLimitIsAnOptionWhereImagesAreOpened() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("images"));
        ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("a.png").toFile());
        assertThat(CliRun.once("data", "inspect", "folder:" + dir).code()).isZero();
        CliRun.Result limited = CliRun.once("data", "inspect", "folder:" + dir, "--max-pixels", "100");
        assertThat(limited.code()).isEqualTo(2);
        assertThat(limited.err()).contains("a.png").contains("exceeds the limit of 100");
        CliRun.Result train = CliRun.once("train", "--data", "folder:" + dir, "--max-pixels", "100", "--clusters",
                "2", "--batch-size", "2", "--out", tmp.resolve("limited").toString(), "--dry-run");
        assertThat(train.code()).isEqualTo(2);
        assertThat(train.err()).contains("exceeds the limit of 100");
    }
}
