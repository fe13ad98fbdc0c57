package io.cc4j.cli;

import io.cc4j.InvalidInputException;
import io.cc4j.cli.common.ModelOption;
import io.cc4j.cli.common.SettingOptions;
import io.cc4j.cli.common.SharedOptionTexts;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.option.Setting;
import io.cc4j.option.Settings;
import io.cc4j.pipeline.RunFinisher;
import io.cc4j.run.RunLayout;
import io.cc4j.train.Boost;
import io.cc4j.train.BoostConfig;
import io.cc4j.train.BoostTrainer;
import io.cc4j.train.DataLimits;
import io.cc4j.train.TrainConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cc4j boost}: the self-labeling boost stage after Contrastive Clustering (TCL). Every setting of
 * {@link Boost#GROUP} that reads from text is an option, bound by {@link Bind}.
 */
@Command(
        name = "boost", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = BoostCommand.Bind.class,
        description = {"Boosts a trained CC model with TCL's self-labeling stage.",
            "TCL (Li et al., IJCV 2022): each batch is predicted in eval mode to keep confident pseudo-labels (per cluster the ceil(B/K*gamma)"
                    + " most confident, dropped below alpha), then a weak and a strong view train the instance loss"
                    + " without false negatives and the cross-entropy of the strong view against the pseudo-labels."
                    + " The first epoch only fills the labels.",
            "Writes a new run directory that cluster, serve, export and report accept like any other.",
            "Ctrl-C or SIGTERM stops after the current step with a checkpoint at that step (a second one stops at"
                    + " once); --resume continues from exactly there. An unreadable image is left out of its batch"
                    + " with a warning and counted in boost.jsonl (--strict: an error)."},
        footer = {"", "Examples:",
            "  cc4j boost --model runs/fm --out runs/fm-boost --epochs 10",
            "  cc4j boost --resume runs/fm-boost --epochs 20"},
        exitCodeList = {"130, 143:stopped by SIGINT / SIGTERM after the current step, with a checkpoint at that step (a"
                + " second signal stops at once); --resume continues from exactly there"})
final class BoostCommand implements Callable<Integer>, SharedOptionTexts {
    /** The command's defaults where they are not TCL's: a checkpoint every epoch, and CC's cluster loss on. */
    private static final Map<Setting<?>, Object> DEFAULTS = Map.of(Boost.CHECKPOINT_EVERY, 1,
            Boost.CC_CLUSTER_LOSS, 1.0);

    @Spec
    private CommandSpec spec;

    /** The trained CC run to start from; bound to {@link Boost#SOURCE}. */
    @Mixin
    ModelOption model;

    @Option(names = {"-o", "--out"}, paramLabel = "RUN_DIR", description = "The boost run directory to create.")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue a boost run from its newest"
            + " checkpoint (with --epochs: to a new total).")
    Path resume;

    @Option(names = "--augment-preset", paramLabel = "NAME",
            description = "Dataset preset of the views (cifar10, cifar100, stl10, imagenet10, imagenet-dogs, tiny-imagenet,"
                    + " fashion-mnist); default: from the run's data spec, else cifar10.")
    String preset;

    @Option(names = "--no-finish", description = "Skip clustering the training data, summary.json and the report at the end.")
    boolean noFinish;

    /** One option per boost setting, in the section "Boost", and the training settings a boost run may change. */
    @Override
    public Map<String, String> sharedOptionTexts() {
        return Map.of("--channels-last", "Run the backbone on channels-last (NHWC) data, or with --no-channels-last on"
                + " channels-first (NCHW) data: the same numbers to rounding, computed by other libtorch kernels."
                + " Default: the CC run's layout.");
    }

    static final class Bind implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return SettingOptions.bind(spec, List.of(Boost.GROUP, BoostTrainer.RUN_SETTINGS),
                    Settings.builder(Boost.GROUP, BoostTrainer.RUN_SETTINGS).setAll(DEFAULTS));
        }
    }

    @Override
    public Integer call() {
        try (GracefulStop stop = GracefulStop.install(System.err)) {
            return boost(stop);
        }
    }

    private int boost(GracefulStop stop) {
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
        Map<Setting<?>, Object> given = SettingOptions.given(spec, List.of(Boost.GROUP));
        Integer epochs = (Integer) given.get(Boost.EPOCHS);
        Map<Setting<?>, Object> run = SettingOptions.given(spec, List.of(BoostTrainer.RUN_SETTINGS));
        if (resume != null) {
            if (!run.isEmpty()) {
                throw new InvalidInputException("--resume continues the boost run with its own configuration; "
                        + run.keySet().stream().map(io.cc4j.cli.common.Flags::of)
                                .collect(java.util.stream.Collectors.joining(", ")) + " cannot be given with it");
            }
            return trainer.resume(resume, null, epochs == null ? 0 : epochs);
        }
        if (model.path() == null || out == null) {
            throw new InvalidInputException("give --model RUN_DIR and --out RUN_DIR (or --resume RUN_DIR)");
        }
        given.remove(Boost.SOURCE); // the run as a path, as the other runs name it
        Path newest = RunLayout.of(model.path()).newestCheckpoint();
        Checkpoint.Header header = Checkpoint.open(newest).header();
        String name = preset != null ? preset : presetOf(header.configJson());
        BoostConfig config = BoostConfig.tcl(model.path(), Boost.EPOCHS.defaultValue(), name,
                header.model().imageSize()).toBuilder().setAll(DEFAULTS).setAll(given).build();
        return trainer.boost(config, run, null, out);
    }

    /** What a boost stopped by a signal says: where it stopped, the checkpoint, and how to continue. */
    static String stopped(BoostTrainer.Result r, String signal) {
        if (r.stoppedAt() != null) {
            return "stopped by " + signal + " in epoch " + r.stoppedAt().epoch() + " of " + r.epochsPlanned()
                    + " after step " + r.stoppedAt().batch() + "; checkpoint " + r.lastCheckpoint() + "\n"
                    + "continue with: cc4j boost --resume " + r.runDir();
        }
        if (r.epochsCompleted() >= r.epochsPlanned()) {
            return "stopped by " + signal + " at the end of boosting; checkpoint " + r.lastCheckpoint() + "\n"
                    + "boosting is complete; " + NextSteps.writeAssignmentsAndReport(r.runDir());
        }
        if (r.lastCheckpoint() == null) {
            return "stopped by " + signal + " before the first step; nothing to save";
        }
        return "stopped by " + signal + " after epoch " + r.epochsCompleted() + " of " + r.epochsPlanned()
                + "; checkpoint " + r.lastCheckpoint() + "\ncontinue with: cc4j boost --resume " + r.runDir();
    }

    /** The augmentation preset that fits the run's first dataset spec. */
    static String presetOf(String configJson) {
        String first = TrainConfig.fromJson(configJson, "the run's configuration").get(DataLimits.DATA).stream()
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
