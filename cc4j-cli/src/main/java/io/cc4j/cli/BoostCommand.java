package io.cc4j.cli;

import io.cc4j.InvalidInputException;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.pipeline.RunFinisher;
import io.cc4j.run.RunLayout;
import io.cc4j.train.BoostConfig;
import io.cc4j.train.BoostTrainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cc4j boost}: the self-labeling boost stage after Contrastive Clustering (TCL). */
@Command(
        name = "boost", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Boosts a trained CC model with TCL's self-labeling stage (Li et al., IJCV 2022): each batch is",
            "predicted in eval mode to keep confident pseudo-labels (per cluster the ceil(B/K*gamma) most confident,",
            "dropped below alpha), then a weak and a strong view train the instance loss without false negatives and",
            "the cross-entropy of the strong view against the pseudo-labels. The first epoch only fills the labels.",
            "Writes a new run directory that cluster, serve, export and report accept like any other."},
        footer = {"", "Examples:",
            "  cc4j boost --model runs/fm --out runs/fm-boost --epochs 10",
            "  cc4j boost --resume runs/fm-boost --epochs 20"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal failure", "2:bad input or usage (the message names the file or value)",
            "3:an output cannot be written (the message names the path)",
            "130, 143:stopped by SIGINT / SIGTERM after the current epoch, with a checkpoint (a second signal stops at"
                    + " once); --resume continues from the last checkpoint"})
final class BoostCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-m", "--model"}, paramLabel = "RUN_DIR", description = "The trained CC run to start from.")
    Path model;

    @Option(names = {"-o", "--out"}, paramLabel = "RUN_DIR", description = "The boost run directory to create.")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue a boost run from its newest checkpoint.")
    Path resume;

    @Option(names = {"-e", "--epochs"}, paramLabel = "N", description = "Boost epochs (default 20; with --resume: new total).")
    Integer epochs;

    @Option(names = "--alpha", defaultValue = "0.99", description = "Confidence below which a label is dropped (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--gamma", defaultValue = "0.5", description = "Share of a batch's balanced per-cluster quota labelled at once (default ${DEFAULT-VALUE}).")
    double gamma;

    @Option(names = "--lr", defaultValue = "1e-4", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "1e-4", description = "Adam weight decay (default ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--augment-preset", paramLabel = "NAME",
            description = "Dataset preset of the views (cifar10, cifar100, stl10, imagenet10, imagenet-dogs, tiny-imagenet,"
                    + " fashion-mnist); default: from the run's data spec, else cifar10.")
    String preset;

    @Option(names = "--eval-every", defaultValue = "1", description = "Evaluate NMI/ACC/ARI every E epochs when labels exist (default ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--cc-cluster-loss", defaultValue = "1", paramLabel = "W", description = "Weight of CC's own"
            + " cluster loss (contrastive over the K columns, with its entropy term) between the weak and strong views,"
            + " added to TCL's losses: it keeps every cluster in use where TCL's cross-entropy alone let 3 of 10"
            + " clusters empty on Fashion-MNIST. Default ${DEFAULT-VALUE}; 0 is TCL as published.")
    double ccClusterLoss;

    @Option(names = "--checkpoint-every", defaultValue = "1", description = "Checkpoint every C epochs (default ${DEFAULT-VALUE}; always at the end, and after the epoch a SIGINT or SIGTERM stops).")
    int checkpointEvery;

    @Option(names = "--no-finish", description = "Skip clustering the training data, summary.json and the report at the end.")
    boolean noFinish;

    @picocli.CommandLine.Mixin
    PrecisionOption precisionOption = new PrecisionOption();

    @Override
    public Integer call() {
        precisionOption.require();
        GracefulStop stop = GracefulStop.install(System.err);
        stop.unit("epoch");
        BoostTrainer.Result result = stop.during(
                () -> boost(new BoostTrainer(new ProgressListener(System.err, stop::stopRequested))));
        PrintWriter console = spec.commandLine().getOut();
        if (stop.stopRequested()) {
            stop.graceful(false, null);
            console.println(stopped(result, stop.signalName()));
            console.flush();
            return stop.exitCode();
        }
        stop.graceful(false, "boosting is complete and saved in " + result.runDir() + "; "
                + NextSteps.writeAssignmentsAndReport(result.runDir()));
        console.printf("boosted %d epochs in %.1f s; checkpoint %s%n", result.epochsCompleted(), result.seconds(),
                result.lastCheckpoint());
        if (!noFinish) {
            console.println(RunFinisher.finish(result.runDir(), spec.commandLine().getErr()::println).describe());
        }
        return 0;
    }

    private BoostTrainer.Result boost(BoostTrainer trainer) {
        if (resume != null) {
            return trainer.resume(resume, null, epochs == null ? 0 : epochs);
        }
        if (model == null || out == null) {
            throw new InvalidInputException("give --model RUN_DIR and --out RUN_DIR (or --resume RUN_DIR)");
        }
        Path newest = RunLayout.of(model).checkpoints().latest().orElseThrow(() -> new InvalidInputException(
                "no trained model in " + model + " (no checkpoints/epoch-*.ckpt)"));
        Checkpoint.Header header = Checkpoint.open(newest).header();
        String name = preset != null ? preset : presetOf(header.configJson());
        BoostConfig tcl = BoostConfig.tcl(model, epochs == null ? 20 : epochs, name, header.model().imageSize());
        BoostConfig config = new BoostConfig(tcl.source(), tcl.epochs(), alpha, gamma, learningRate, weightDecay,
                tcl.instanceTemperature(), tcl.clusterTemperature(), tcl.augment(), evalEvery, checkpointEvery,
                ccClusterLoss);
        return trainer.boost(config, null, out);
    }

    /** What a boost stopped by a signal says: after which epoch, the checkpoint, and how to continue. */
    static String stopped(BoostTrainer.Result r, String signal) {
        if (r.epochsCompleted() >= r.epochsPlanned()) {
            return "stopped by " + signal + " at the end of boosting; checkpoint " + r.lastCheckpoint() + "\n"
                    + "boosting is complete; " + NextSteps.writeAssignmentsAndReport(r.runDir());
        }
        return "stopped by " + signal + " after epoch " + r.epochsCompleted() + " of " + r.epochsPlanned()
                + "; checkpoint " + r.lastCheckpoint() + "\ncontinue with: cc4j boost --resume " + r.runDir();
    }

    /** The augmentation preset that fits the run's first dataset spec. */
    static String presetOf(String configJson) {
        String first = io.cc4j.train.TrainConfig.fromJson(configJson, "the run's configuration").data().stream()
                .findFirst().orElse("");
        String kind = first.contains(":") ? first.substring(0, first.indexOf(':')) : first;
        for (String p : new String[] {"fashion-mnist", "cifar100", "cifar10", "stl10", "tiny-imagenet"}) {
            if (kind.startsWith(p)) {
                return p;
            }
        }
        return "cifar10";
    }
}
