package io.cc4j.pipeline;

import io.cc4j.data.ImageDataset;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.report.ReportWriter;
import io.cc4j.run.RunLayout;
import io.cc4j.run.RunSummary;
import io.cc4j.train.BoostEpochRecord;
import io.cc4j.train.BoostLog;
import io.cc4j.train.EpochRecord;
import io.cc4j.train.MetricsLog;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finishes a training run: assigns every training image with the cluster head ({@code assignments.csv}),
 * scores it when labels exist ({@code summary.json}) and writes the HTML report.
 */
public final class RunFinisher {
    private RunFinisher() {
    }

    /** What finishing produced. */
    public record Outcome(Path assignments, ClusteringScores scores, Path report) {
        /** Human-readable lines for the terminal. */
        public String describe() {
            StringBuilder sb = new StringBuilder("assignments: " + assignments + "\n");
            if (scores != null) {
                sb.append(String.format("NMI %.4f  ACC %.4f  ARI %.4f  (n = %d)%n", scores.nmi(), scores.acc(),
                        scores.ari(), scores.n()));
            }
            return sb.append("report: ").append(report).toString();
        }
    }

    /**
     * @param runDir a trained run directory
     * @param log receives progress lines
     * @return the files written
     */
    public static Outcome finish(Path runDir, Consumer<String> log) {
        RunLayout run = RunLayout.of(runDir);
        log.accept("assigning the training images with the cluster head...");
        Path csv = run.assignments();
        ClusterJob.Outcome o = ClusterJob.builder().setModel(runDir).setOut(csv).build().run(null);
        try (ImageDataset data = o.dataset()) {
            RunSummary summary = new RunSummary();
            if (o.scores() != null) {
                summary.result("CC cluster head", o.scores());
            }
            List<EpochRecord> history = MetricsLog.readAll(run);
            summary.fact("images", data.size());
            List<BoostEpochRecord> boost = BoostLog.readLenient(run).orElse(List.of());
            if (history.isEmpty() && !boost.isEmpty()) {
                // A boost run keeps its epochs in boost.jsonl, not metrics.jsonl.
                summary.fact("boost_epochs", boost.get(boost.size() - 1).epoch())
                        .fact("boost_seconds", boost.stream().mapToDouble(BoostEpochRecord::seconds).sum());
            } else {
                summary.fact("epochs", history.isEmpty() ? 0 : history.get(history.size() - 1).epoch())
                        .fact("train_seconds", history.stream().mapToDouble(EpochRecord::seconds).sum());
            }
            if (o.unreadable() > 0) {
                summary.fact("unreadable_images_left_out", o.unreadable());
            }
            summary.write(run);
            Path report = ReportWriter.write(runDir, data, data.classNames());
            return new Outcome(csv, o.scores(), report);
        }
    }
}
