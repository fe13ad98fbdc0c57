package io.cc4j.cli;

import io.cc4j.InvalidInputException;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.pipeline.RunFinisher;
import io.cc4j.run.RunLayout;
import io.cc4j.train.PaperPreset;
import io.cc4j.train.TrainConfig;
import io.cc4j.train.Trainer;
import io.cc4j.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cc4j train}: trains Contrastive Clustering, or resumes a stopped run. */
@Command(
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal failure", "2:bad input or usage (the message names the file or value)",
            "3:cannot write the run directory (disk full, read-only, no permission); the last checkpoint is intact",
            "130:stopped by SIGINT (Ctrl-C) after writing a checkpoint; continue with --resume",
            "143:stopped by SIGTERM after writing a checkpoint; continue with --resume"},
        name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Trains Contrastive Clustering end to end, or resumes a stopped run.",
            "Instance + cluster contrastive loss, Adam, batch-level computation only.",
            "Writes RUN_DIR/config.json, metrics.jsonl, checkpoints/, and at the end assignments.csv, "
                    + "summary.json and report/index.html.",
            "Precedence: defaults < --config FILE < --preset < explicit options.",
            "Ctrl-C or SIGTERM stops after the current step with a checkpoint at that step (a second one stops at "
                    + "once); --resume continues from exactly there."},
        footer = {"", "Examples:",
            "  cc4j train --data cifar10:data/cifar-10-batches-bin --clusters 10 --out runs/c10",
            "  cc4j train --preset cifar10 --data cifar10:data/cifar-10-batches-bin --out runs/c10-paper",
            "  cc4j train --resume runs/c10 --epochs 200"})
final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "SPEC", description = "Training data spec (repeatable; joined), e.g. cifar10:DIR, fashion-mnist:DIR, folder:DIR.")
    List<String> data;

    @Option(names = "--instance-only-data", paramLabel = "SPEC", description = "STL-10 mode: each epoch first trains the instance loss alone on this data (repeatable).")
    List<String> instanceOnlyData;

    @Option(names = {"-k", "--clusters"}, paramLabel = "K", description = "Number of clusters (default 10).")
    Integer clusters;

    @Option(names = {"-o", "--out"}, paramLabel = "RUN_DIR", description = "Run directory to create.")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue the run in RUN_DIR from its newest intact checkpoint.")
    Path resume;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON configuration file (e.g. a run's config.json).")
    Path config;

    @Option(names = "--preset", paramLabel = "NAME", description = "The paper's configuration: cifar10, cifar100, stl10, imagenet10, imagenet-dogs, tiny-imagenet.")
    String preset;

    @Option(names = "--backbone", paramLabel = "NAME", converter = NetworkConverters.Backbone.class,
            description = "resnet18 | resnet34 | resnet50 (default resnet18).")
    io.cc4j.model.BackboneType backbone;

    @Option(names = "--stem", paramLabel = "NAME", converter = NetworkConverters.StemName.class, description = "cifar (3x3 conv, no pool; for small images) | imagenet (7x7/2 + max-pool, the paper's). Default: cifar below 128 px, imagenet from 128 px.")
    io.cc4j.model.Stem stem;

    @Option(names = "--width", paramLabel = "N", description = "Channels of the first ResNet stage (default 64 = torchvision; smaller is faster).")
    Integer width;

    @Option(names = "--size", paramLabel = "PX", description = "Network input size in pixels (default 32).")
    Integer size;

    @Option(names = {"-b", "--batch-size"}, paramLabel = "N", description = "Images per batch, two views each (default 256).")
    Integer batchSize;

    @Option(names = {"-e", "--epochs"}, paramLabel = "N", description = "Epochs (default 20; paper presets 1000; with --resume: new total).")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "LR", description = "Adam learning rate (default 3e-4).")
    Double learningRate;

    @Option(names = "--weight-decay", paramLabel = "WD", description = "Adam L2 weight decay (default 0).")
    Double weightDecay;

    @Option(names = "--instance-temperature", paramLabel = "T", description = "tau_I (default 0.5).")
    Double instanceTemperature;

    @Option(names = "--cluster-temperature", paramLabel = "T", description = "tau_C (default 1.0).")
    Double clusterTemperature;

    @Option(names = "--feature-dim", paramLabel = "D", description = "Instance head output dimension (default 128).")
    Integer featureDim;

    @Option(names = "--seed", paramLabel = "SEED", description = "The one seed of every random choice (default 42).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Engine threads (default: all cores).")
    Integer threads;

    @Option(names = "--workers", paramLabel = "N", description = "Augmentation threads (default: all cores).")
    Integer workers;

    @Option(names = "--limit", paramLabel = "N", description = "Train on a seeded subset of this many images (default: all).")
    Integer limit;

    @Option(names = "--eval-every", paramLabel = "E", description = "Evaluate NMI/ACC/ARI every E epochs when labels exist (0 = never; default 1).")
    Integer evalEvery;

    @Option(names = "--eval-subset", paramLabel = "N", description = "Images in the fixed evaluation subset (default 2000).")
    Integer evalSubset;

    @Option(names = "--checkpoint-every", paramLabel = "C", description = "Checkpoint every C epochs (default 10; always at the end).")
    Integer checkpointEvery;

    @Option(names = "--checkpoint-minutes", paramLabel = "M", description = "Also checkpoint at the end of the step "
            + "when M minutes have passed since the last checkpoint, in the middle of an epoch if need be (default 15:"
            + " at most a quarter of an hour of work lost to a crash; 0 = only every --checkpoint-every epochs).")
    Double checkpointMinutes;

    @Option(names = "--keep-checkpoints", paramLabel = "N", description = "Epoch checkpoints kept (default 3).")
    Integer keepCheckpoints;

    @Option(names = "--max-pixels", paramLabel = "N", description = "Image folders: refuse images larger than N "
            + "pixels (width x height) from their header (default 40000000; a decompression bomb costs a few bytes).")
    Long maxPixels;

    @Option(names = "--strict", negatable = true, description = "Fail on an unreadable image (at open, or one that "
            + "fails to decode during training) instead of skipping it with a warning and counting it in "
            + "metrics.jsonl (skipped_images).")
    Boolean strict;

    @Option(names = "--dry-run", description = "Resolve the configuration and open the data, print the "
            + "configuration as JSON, and stop: nothing is trained or written.")
    boolean dryRun;

    @Option(names = "--separate-views", negatable = true, description = "Two forward passes per step, one per view (the official code's per-view BatchNorm statistics; the paper presets' choice). Default: one joint pass, faster on small images.")
    Boolean separateViews;

    @Option(names = "--channels-last", negatable = true, description = "Run the backbone on channels-last (NHWC) data:"
            + " the same numbers to rounding, computed by other libtorch kernels (see bench step). Default: off.")
    Boolean channelsLast;

    @picocli.CommandLine.Mixin
    AugmentOptions augment = new AugmentOptions();

    @Option(names = "--no-finish", negatable = false, description = "Skip clustering the training data, summary.json and the report at the end.")
    boolean noFinish;

    @picocli.CommandLine.Mixin
    PrecisionOption precisionOption = new PrecisionOption();

    @Override
    public Integer call() {
        precisionOption.require();
        if (dryRun) {
            return dryRun();
        }
        GracefulStop stop = GracefulStop.install(System.err);
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
            java.util.List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
                    .map(o -> o.longestName())
                    .filter(n -> !java.util.Set.of("--resume", "--epochs", "--no-finish").contains(n)).toList();
            if (!others.isEmpty()) {
                throw new InvalidInputException("--resume continues the run with its own configuration; only --epochs "
                        + "(a new total) and --no-finish may be given, not " + String.join(", ", others));
            }
            return new Trainer(progress).resume(resume, epochs == null ? 0 : epochs).release();
        } else {
            if (out == null) {
                throw new InvalidInputException("missing --out RUN_DIR (or --resume RUN_DIR)");
            }
            TrainConfig cfg = resolve();
            return new Trainer(progress).train(cfg, out).release();
        }
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
        try (io.cc4j.train.TrainingData data = io.cc4j.train.TrainingData.open(cfg)) {
            int size = cfg.limit() > 0 ? Math.min(cfg.limit(), data.train().size()) : data.train().size();
            if (size / cfg.batchSize() == 0) {
                throw new InvalidInputException("the training data has " + size + " images, fewer than one batch of "
                        + cfg.batchSize() + "; lower --batch-size");
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
            if (p == PaperPreset.STL10 && instanceOnlyData == null) {
                throw new InvalidInputException("--preset stl10 first trains the instance loss on the 100,000 unlabeled "
                        + "images each epoch: add --instance-only-data stl10-unlabeled:DIR");
            }
            p.applyTo(b);
        }
        if (data != null) b.data(data);
        if (instanceOnlyData != null) b.instanceOnlyData(instanceOnlyData);
        if (clusters != null) b.clusters(clusters);
        if (backbone != null) b.backbone(backbone);
        if (stem != null) {
            b.stem(stem);
        } else if (size != null && preset == null && config == null) {
            // Without an explicit stem the image size picks it: the cheap CIFAR stem for small images.
            b.stem(null);
        }
        if (width != null) b.width(width);
        if (batchSize != null) b.batchSize(batchSize);
        if (epochs != null) b.epochs(epochs);
        if (learningRate != null) b.learningRate(learningRate);
        if (weightDecay != null) b.weightDecay(weightDecay);
        if (instanceTemperature != null) b.instanceTemperature(instanceTemperature);
        if (clusterTemperature != null) b.clusterTemperature(clusterTemperature);
        if (featureDim != null) b.featureDim(featureDim);
        if (seed != null) b.seed(seed);
        if (threads != null) b.threads(threads);
        if (workers != null) b.workers(workers);
        if (limit != null) b.limit(limit);
        if (evalEvery != null) b.evalEvery(evalEvery);
        if (evalSubset != null) b.evalSubset(evalSubset);
        if (checkpointEvery != null) b.checkpointEvery(checkpointEvery);
        if (keepCheckpoints != null) b.keepCheckpoints(keepCheckpoints);
        if (checkpointMinutes != null) b.checkpointMinutes(checkpointMinutes);
        if (maxPixels != null) b.maxPixels(maxPixels);
        if (strict != null) b.strict(strict);
        if (separateViews != null) b.separateViews(separateViews);
        if (channelsLast != null) b.channelsLast(channelsLast);
        b.augment(augment.apply(b.currentAugment(), size));
        return b.build();
    }
}
