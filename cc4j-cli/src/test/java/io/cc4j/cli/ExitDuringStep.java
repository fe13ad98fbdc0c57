package io.cc4j.cli;

import io.cc4j.cli.common.ImmediateExit;
import io.cc4j.data.FashionMnist;
import io.cc4j.train.DataLimits;
import io.cc4j.train.Optimisation;
import io.cc4j.train.RunPolicy;
import io.cc4j.train.TrainConfig;
import io.cc4j.train.Trainer;
import java.nio.file.Path;
import java.util.List;

/**
 * Ends the JVM while another thread trains, as a second Ctrl-C does: {@code halt} ends it through the C library's
 * {@code exit} (static destructors run under the running step), {@code exit} through {@link ImmediateExit}
 * ({@code _exit}). scripts/exit-race.sh starts it many times with each and counts the crashes.
 *
 * <p>Usage: {@code ExitDuringStep RUN_DIR DELAY_MS halt|exit}; exits 143 unless the JVM crashes.
 */
public final class ExitDuringStep {
    private ExitDuringStep() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path data = FashionMnist.defaultDirectory().orElseThrow(() -> new IllegalStateException(
                "Fashion-MNIST is not installed: scripts/install-fashion-mnist.sh"));
        TrainConfig cfg = TrainConfig.builder().set(DataLimits.DATA, List.of("fashion-mnist:" + data))
                .set(DataLimits.LIMIT, 512).set(Optimisation.EPOCHS, 1).set(Optimisation.BATCH_SIZE, 128)
                .set(RunPolicy.EVAL_EVERY, 0).build();
        Thread trainer = new Thread(() -> new Trainer(null).train(cfg, Path.of(args[0])).close(), "trainer");
        trainer.setDaemon(true);
        trainer.start();
        Thread.sleep(Long.parseLong(args[1]));
        if (args[2].equals("halt")) {
            Runtime.getRuntime().halt(143);
        }
        ImmediateExit.now(143);
    }
}
