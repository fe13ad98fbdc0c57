package io.cc4j.pipeline;

import io.cc4j.cluster.AssignmentsCsv;
import io.cc4j.cluster.ClusterAssigner;
import io.cc4j.cluster.Assignments;
import io.cc4j.cluster.TrainedModel;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.report.ReportWriter;
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
        try (TrainedModel model = TrainedModel.load(runDir)) {
            ImageDataset data = DatasetSpec.openAll(model.config().data());
            log.accept("assigning " + data.size() + " images with the cluster head...");
            Assignments a;
            try (ClusterAssigner assigner = model.assigner(data, model.config().batchSize(), model.config().workers())) {
                a = assigner.assignAll(data.size(), false, null, null);
            }
            Path csv = runDir.resolve(AssignmentsCsv.FILE_NAME);
            AssignmentsCsv.write(csv, a, data);
            RunSummary summary = new RunSummary();
            ClusteringScores scores = null;
            if (data.hasLabels()) {
                scores = ClusteringScores.of(ClusterJob.labels(data, a), a.clusters());
                summary.result("CC cluster head", scores);
            }
            List<EpochRecord> history = MetricsLog.readAll(runDir);
            summary.fact("images", data.size()).fact("epochs", model.epoch())
                    .fact("train_seconds", history.stream().mapToDouble(EpochRecord::seconds).sum());
            summary.write(runDir);
            Path report = ReportWriter.write(runDir, data, data.classNames());
            return new Outcome(csv, scores, report);
        }
    }
}
