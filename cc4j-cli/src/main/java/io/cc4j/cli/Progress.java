package io.cc4j.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr when it is a terminal; silent otherwise (log lines carry the news). */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** @param task name shown @param max total steps, or -1 when unknown */
    static Progress of(String task, long max) {
        if (System.console() == null) {
            return new Progress(null);
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .showSpeed().build());
    }

    /** Moves the bar to {@code n} steps done. */
    void stepTo(int n) {
        if (bar != null) {
            bar.stepTo(n);
        }
    }

    /** Changes the total. */
    void maxHint(long max) {
        if (bar != null) {
            bar.maxHint(max);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
