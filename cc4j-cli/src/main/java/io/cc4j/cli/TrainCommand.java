package io.cc4j.cli;

import io.cc4j.InvalidInputException;
import io.cc4j.augment.Augmentation;
import io.cc4j.cli.common.DataOption;
import io.cc4j.cli.common.MaxPixelsOption;
import io.cc4j.cli.common.SeedOption;
import io.cc4j.cli.common.SettingOptions;
import io.cc4j.cli.common.SizeOption;
import io.cc4j.cli.common.ThreadsOption;
import io.cc4j.option.Setting;
import io.cc4j.option.Settings;
import io.cc4j.pipeline.RunFinisher;
import io.cc4j.run.RunLayout;
import io.cc4j.train.DataLimits;
import io.cc4j.train.Optimisation;
import io.cc4j.train.PaperPreset;
import io.cc4j.train.TrainConfig;
import io.cc4j.train.Trainer;
import io.cc4j.train.TrainingData;
import io.cc4j.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cc4j train}: trains Contrastive Clustering, or resumes a stopped run. Every setting of
 * {@link TrainConfig#GROUPS} is an option, bound by {@link Bind}; this class adds what only the command line has
 * (the run directory, a configuration file, a preset, resuming, a dry run).
 */
@Command(
        name = "train", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = TrainCommand.Bind.class,
        description = {
            "Trains Contrastive Clustering, or resumes a stopped run.",
            "End to end: instance + cluster contrastive loss, Adam, batch-level computation only.",
            "Writes RUN_DIR/config.json, metrics.jsonl, checkpoints/, and at the end assignments.csv, "
                    + "summary.json and report/index.html.",
            "Precedence: defaults < --config FILE < --preset < explicit options.",
            "Ctrl-C or SIGTERM stops after the current step with a checkpoint at that step (a second one stops at "
                    + "once); --resume continues from exactly there."},
        footer = {"", "Examples:",
            "  cc4j train --data cifar10:data/cifar-10-batches-bin --clusters 10 --out runs/c10",
            "  cc4j train --preset cifar10 --data cifar10:data/cifar-10-batches-bin --out runs/c10-paper",
            "  cc4j train --resume runs/c10 --epochs 200"},
        exitCodeList = {
            "3:cannot write the run directory (disk full, read-only, no permission); the last checkpoint is intact",
            "130:stopped by SIGINT (Ctrl-C) after writing a checkpoint; continue with --resume",
            "143:stopped by SIGTERM after writing a checkpoint; continue with --resume"})
final class TrainCommand implements Callable<Integer> {
    /** What --resume leaves the user to change: a new epoch total, and skipping the finish. */
    private static final Set<String> WITH_RESUME = Set.of("--resume", "--epochs", "--no-finish");

    @Spec
    private CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "RUN_DIR", description = "Run directory to create.")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue the run in RUN_DIR from its newest"
            + " intact checkpoint (with --epochs: to a new total).")
    Path resume;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON configuration file (e.g. a run's config.json).")
    Path config;

    @Option(names = "--preset", paramLabel = "NAME", description = "The paper's configuration: cifar10, cifar100, stl10, imagenet10, imagenet-dogs, tiny-imagenet.")
    String preset;

    @Option(names = "--dry-run", description = "Resolve the configuration and open the data, print the "
            + "configuration as JSON, and stop: nothing is trained or written.")
    boolean dryRun;

    @Option(names = "--no-finish", negatable = false, description = "Skip clustering the training data, summary.json and the report at the end.")
    boolean noFinish;

    @Mixin
    AugmentOptions augment = new AugmentOptions();

    // Shared options that are also training settings: the binding moves them into their groups' sections.
    @Mixin
    DataOption data;
    @Mixin
    SizeOption size;
    @Mixin
    SeedOption seed;
    @Mixin
    ThreadsOption threads;
    @Mixin
    MaxPixelsOption maxPixels;

    /** One option per training setting, in a help section per group. */
    static final class Bind implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return SettingOptions.bind(spec, TrainConfig.GROUPS, Settings.builder(TrainConfig.GROUPS));
        }
    }

    @Override
    public Integer call() {
        if (dryRun) {
            return dryRun();
        }
        try (GracefulStop stop = GracefulStop.install(System.err)) {
            return train(stop);
        }
    }

    private int train(GracefulStop stop) {
        TrainingResult result = stop.during(() -> trainWith(new ProgressListener(System.err, stop::stopRequested)));
        Path runDir = resume != null ? resume : out;
        PrintWriter console = spec.commandLine().getOut();
        if (stop.stopRequested()) {
            stop.graceful(false, null);
            console.println(stopped(result, stop.signalName(), runDir));
            console.flush();
            return stop.exitCode();
        }
        stop.graceful(false, "training is complete and saved in " + runDir + "; "
                + NextSteps.writeAssignmentsAndReport(runDir));
        console.println("trained " + result.epochsCompleted() + " epochs in " + String.format("%.1f", result.seconds())
                + " s; checkpoint " + result.checkpoint());
        if (!noFinish) {
            RunFinisher.Outcome o = RunFinisher.finish(result.runDir(), spec.commandLine().getErr()::println);
            console.println(o.describe());
        }
        return 0;
    }

    private TrainingResult trainWith(ProgressListener progress) {
        if (resume != null) {
            List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
                    .map(TrainCommand::asGiven).filter(n -> !WITH_RESUME.contains(n)).toList();
            if (!others.isEmpty()) {
                throw new InvalidInputException("--resume continues the run with its own configuration; only --epochs "
                        + "(a new total) and --no-finish may be given, not " + String.join(", ", others));
            }
            Integer epochs = (Integer) given().get(Optimisation.EPOCHS);
            return new Trainer(progress).resume(resume, epochs == null ? 0 : epochs).release();
        }
        if (out == null) {
            throw new InvalidInputException("missing --out RUN_DIR (or --resume RUN_DIR)");
        }
        return new Trainer(progress).train(resolve(), out).release();
    }

    /** An option's name as the command line gave it: {@code --no-crop} for a negated {@code --crop}. */
    private static String asGiven(OptionSpec o) {
        return o.negatable() && Boolean.FALSE.equals(o.getValue()) ? "--no-" + o.longestName().substring(2)
                : o.longestName();
    }

    /** What a stopped run says: where it stopped, the checkpoint, and how to continue. */
    static String stopped(TrainingResult r, String signal, Path runDir) {
        String where = r.stoppedAt() != null
                ? "in epoch " + r.stoppedAt().epoch() + " after step " + r.stoppedAt().steps()
                : r.stopped() ? "after epoch " + r.epochsCompleted() : "at the end of training";
        if (r.checkpoint() == null) {
            return "stopped by " + signal + " before the first step; nothing new to save" + (r.epochsCompleted() > 0
                    || RunLayout.of(runDir).hasCheckpoints()
                    ? "; continue with: cc4j train --resume " + runDir : "");
        }
        return "stopped by " + signal + " " + where + "; checkpoint " + r.checkpoint() + "\n"
                + (r.stopped() ? "continue with: cc4j train --resume " + runDir
                        : "training is complete; " + NextSteps.writeAssignmentsAndReport(runDir));
    }

    private int dryRun() {
        if (resume != null) {
            throw new InvalidInputException("--dry-run checks a new run's options; it does not apply to --resume");
        }
        TrainConfig cfg = resolve();
        try (TrainingData opened = TrainingData.open(cfg)) {
            int limit = cfg.get(DataLimits.LIMIT);
            int images = limit > 0 ? Math.min(limit, opened.train().size()) : opened.train().size();
            int batch = cfg.get(Optimisation.BATCH_SIZE);
            if (images / batch == 0) {
                throw new InvalidInputException("the training data has " + images + " images, fewer than one batch of "
                        + batch + "; lower --batch-size");
            }
            PrintWriter console = spec.commandLine().getOut();
            console.println(cfg.toJson());
            console.flush();
        }
        return 0;
    }

    /** Applies defaults, then the config file, then the preset, then explicit options. */
    TrainConfig resolve() {
        TrainConfig.Builder b = config != null ? TrainConfig.read(config).toBuilder() : TrainConfig.builder();
        if (preset != null) {
            PaperPreset p = PaperPreset.of(preset);
            if (p == PaperPreset.STL10 && !given().containsKey(DataLimits.INSTANCE_ONLY_DATA)) {
                throw new InvalidInputException("--preset stl10 first trains the instance loss on the 100,000 unlabeled "
                        + "images each epoch: add --instance-only-data stl10-unlabeled:DIR");
            }
            p.applyTo(b);
        }
        Map<Setting<?>, Object> given = given();
        if (augment.preset() != null) {
            Integer px = (Integer) given.get(Augmentation.SIZE);
            b.augment(augment.presetAt(px != null ? px : b.get(Augmentation.SIZE)));
        }
        return b.setAll(given).build();
    }

    private Map<Setting<?>, Object> given() {
        return SettingOptions.given(spec, TrainConfig.GROUPS);
    }
}
