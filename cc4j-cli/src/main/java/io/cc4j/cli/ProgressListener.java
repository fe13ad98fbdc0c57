package io.cc4j.cli;

import io.cc4j.train.EpochRecord;
import io.cc4j.train.TrainingListener;
import java.io.PrintStream;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows training progress: a progress bar per epoch phase on a terminal (losses, images/s, ETA), plain log
 * lines otherwise, and one summary line per epoch.
 */
final class ProgressListener implements TrainingListener {
    private final PrintStream err;
    private final boolean terminal;
    private int epochs;
    private ProgressBar bar;
    private int batches;

    private final java.util.function.BooleanSupplier stop;

    ProgressListener(PrintStream err) {
        this(err, () -> false);
    }

    /** @param stop asked after every step whether to stop (a signal arrived) */
    ProgressListener(PrintStream err, java.util.function.BooleanSupplier stop) {
        this.err = err;
        this.terminal = System.console() != null;
        this.stop = stop;
    }

    @Override
    public boolean stopRequested() {
        return stop.getAsBoolean();
    }

    @Override
    public void onTrainingStart(int firstEpoch, int totalEpochs) {
        epochs = totalEpochs;
    }

    @Override
    public void onPhaseStart(int epoch, String phase, int batches) {
        this.batches = batches;
        if (terminal) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format("epoch %d/%d%s", epoch, epochs, phase.equals("full") ? "" : " " + phase))
                    .setInitialMax(batches).setStyle(ProgressBarStyle.ASCII).setConsumer(
                            new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
                    .setUnit(" batches", 1).showSpeed().build();
        }
    }

    @Override
    public void onBatch(int epoch, int batch, double instanceLoss, double clusterLoss, double imagesPerSecond) {
        // NaN losses: a batch without a step (boost's first epoch only labels, or every image was unreadable)
        String extra = Double.isNaN(instanceLoss) ? String.format(" labelling, %.0f img/s", imagesPerSecond)
                : String.format(" ins %.3f clu %.3f %.0f img/s", instanceLoss, clusterLoss, imagesPerSecond);
        if (bar != null) {
            bar.stepTo(batch + 1L);
            bar.setExtraMessage(extra);
        } else if (batch + 1 == batches || (batch + 1) % Math.max(1, batches / 4) == 0) {
            err.printf("epoch %d/%d batch %d/%d: %s%n", epoch, epochs, batch + 1, batches, extra.trim());
        }
    }

    @Override
    public void onPhaseEnd(int epoch, String phase) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void onEpochEnd(EpochRecord r) {
        err.printf("epoch %d/%d: instance %.4f  cluster %.4f  total %.4f  %.1f s  %.0f img/s%s%n", r.epoch(), epochs,
                r.instanceLoss(), r.clusterLoss(), r.totalLoss(), r.seconds(), r.imagesPerSecond(),
                (r.instanceOnlyLoss() == null ? "" : String.format("  instance-only phase %.4f", r.instanceOnlyLoss()))
                        + (r.nmi() == null ? "" : String.format("  NMI %.4f ACC %.4f ARI %.4f", r.nmi(), r.acc(), r.ari())));
    }

    @Override
    public void onBoostEpochEnd(io.cc4j.train.BoostEpochRecord r) {
        err.printf("boost epoch %d/%d: %s labelled %.1f%%%s  %.1f s%s%n", r.epoch(), epochs,
                r.instanceLoss() == null ? "labels only," : String.format("instance %.4f  cross-entropy %.4f ",
                        r.instanceLoss(), r.clusterLoss()),
                100 * r.labelledFraction(),
                r.labelAccuracy() == null ? "" : String.format(" (label accuracy %.4f)", r.labelAccuracy()),
                r.seconds(), r.nmi() == null ? "" : String.format("  NMI %.4f ACC %.4f ARI %.4f", r.nmi(), r.acc(), r.ari()));
    }

    @Override
    public void onCheckpoint(int epoch, Path file) {
        if (bar != null) {
            // A checkpoint in the middle of an epoch: keep the bar's line intact.
            bar.setExtraMessage(" checkpoint " + file.getFileName());
            return;
        }
        err.println("checkpoint: " + file);
    }
}
