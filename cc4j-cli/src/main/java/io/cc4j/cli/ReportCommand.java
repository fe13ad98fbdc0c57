package io.cc4j.cli;

import io.cc4j.report.ReportWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code cc4j report RUN_DIR}: (re)writes the HTML report of a run directory. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a run's HTML report with charts and image grids.",
            "Writes RUN_DIR/report/index.html: loss and score curves, the confusion matrix (clusters in Hungarian "
                    + "matching order), cluster sizes, each cluster's most and least confident images, and tables "
                    + "of the final figures, timing and configuration.",
            "Images come from the datasets named by \"data\" in RUN_DIR/config.json. Missing or corrupt run files "
                    + "are listed at the top of the page and the rest is still shown."
        },
        exitCodeList = {"0:report written"})
public final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "Run directory written by 'cc4j train'.")
    private Path runDir;

    @Option(names = "--no-images", description = "Skip the per-cluster image grids (does not open the dataset).")
    private boolean noImages;

    @Option(names = "--most-confident", paramLabel = "N", defaultValue = "16",
            description = "Most confident images shown per cluster (default: ${DEFAULT-VALUE}).")
    private int mostConfident;

    @Option(names = "--least-confident", paramLabel = "N", defaultValue = "8",
            description = "Least confident images shown per cluster (default: ${DEFAULT-VALUE}).")
    private int leastConfident;

    @Override
    public Integer call() {
        Path index = ReportWriter.builder(runDir)
                .optDatasetFromConfig(!noImages)
                .optMostConfident(mostConfident)
                .optLeastConfident(leastConfident)
                .build()
                .write();
        spec.commandLine().getOut().println(index);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
