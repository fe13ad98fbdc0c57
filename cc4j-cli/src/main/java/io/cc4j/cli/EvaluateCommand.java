package io.cc4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.cli.common.JsonOption;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.metrics.LabelFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code cc4j evaluate}: scores predicted clusters against ground-truth labels (NMI, ARI, ACC, FMI). */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Scores predicted clusters against labels (NMI, ARI, ACC, FMI).",
            "Scores predicted clusters against ground-truth labels: NMI (arithmetic normalisation), ARI, "
                    + "ACC (best one-to-one cluster-to-class matching) and Fowlkes-Mallows, as scikit-learn "
                    + "computes them.",
            "Files hold one integer per line, or are CSV files with a header (such as the assignments.csv of "
                    + "'cc4j cluster'), read at the chosen column."
        },
        exitCodeList = {"0:scores printed"})
public final class EvaluateCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Ground-truth labels. If omitted, the labels column of the --predictions CSV is used.")
    private Path labels;

    @Option(names = "--predictions", paramLabel = "FILE", required = true,
            description = "Predicted cluster ids (text or CSV, e.g. assignments.csv).")
    private Path predictions;

    @Option(names = "--labels-column", paramLabel = "NAME", defaultValue = LabelFiles.LABEL_COLUMN,
            description = "Column of the labels in a CSV file (default: ${DEFAULT-VALUE}).")
    private String labelsColumn;

    @Option(names = "--predictions-column", paramLabel = "NAME", defaultValue = LabelFiles.CLUSTER_COLUMN,
            description = "Column of the cluster ids in a CSV file (default: ${DEFAULT-VALUE}).")
    private String predictionsColumn;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws JsonProcessingException {
        ClusteringScores s = LabelFiles.readPair(labels, labelsColumn, predictions, predictionsColumn).scores();
        PrintWriter out = spec.commandLine().getOut();
        if (json.json()) {
            out.println(new ObjectMapper().writeValueAsString(s.toMap()));
        } else {
            out.printf(Locale.ROOT, "%-9s %s%n", "metric", "value");
            out.printf(Locale.ROOT, "%-9s %.6f%n", "NMI", s.nmi());
            out.printf(Locale.ROOT, "%-9s %.6f%n", "ARI", s.ari());
            out.printf(Locale.ROOT, "%-9s %.6f%n", "ACC", s.acc());
            out.printf(Locale.ROOT, "%-9s %.6f%n", "FMI", s.fmi());
            out.printf(Locale.ROOT, "%-9s %d%n", "samples", s.n());
            out.printf(Locale.ROOT, "%-9s %d%n", "clusters", s.clusters());
            out.printf(Locale.ROOT, "%-9s %d%n", "classes", s.classes());
        }
        out.flush();
        return 0;
    }
}
