package io.cc4j.cli;

import io.cc4j.cli.common.CommandLines;
import io.cc4j.cli.common.DataOption;
import io.cc4j.cli.common.SharedOptionTexts;
import io.cc4j.cli.common.SizeOption;
import io.cc4j.model.BackboneType;
import io.cc4j.model.InputNormalization;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import io.cc4j.pipeline.RunWeights;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cc4j import}: a run directory from PyTorch-named npz weights. */
@Command(
        exitCodeList = {"2:bad input or usage (the message names the file and tensors)"},
        name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Makes a run directory from npz weights of the official model.",
            "The npz holds the official state-dict names, as 'cc4j export' writes them, or as"
                    + " scripts/cc-checkpoint-to-npz.py converts an official checkpoint_N.tar.",
            "'cluster', 'report' and 'train --resume' accept the directory; resuming starts with fresh Adam state "
                    + "and needs --data.",
            "Missing, unexpected, mis-shaped or mis-typed tensors are refused, all listed in one message."},
        footer = {"", "Examples:",
            "  scripts/cc-checkpoint-to-npz.py save/CIFAR-10/checkpoint_1000.tar --out c10.npz",
            "  cc4j import --npz c10.npz --backbone resnet34 --stem imagenet --clusters 10 --size 224 --out runs/c10-official",
            "  cc4j cluster --model runs/c10-official --data cifar10-test:data/cifar-10-batches-bin --out a.csv --evaluate"})
final class ImportCommand implements Callable<Integer>, SharedOptionTexts {
    @Spec
    private CommandSpec spec;

    @Option(names = "--npz", required = true, paramLabel = "FILE", description = "Weights to import.")
    Path npz;

    @Option(names = "--backbone", required = true, paramLabel = "NAME", description = "resnet18 | resnet34 | resnet50.")
    String backbone;

    @Option(names = "--stem", required = true, paramLabel = "NAME", description = "imagenet (7x7/2 + max-pool, the official) | cifar (3x3, no pool).")
    String stem;

    @Option(names = {"-k", "--clusters"}, required = true, paramLabel = "K", description = "Number of clusters.")
    int clusters;

    @Mixin(name = CommandLines.REQUIRED + "size")
    SizeOption size;

    @Option(names = "--width", defaultValue = "64", paramLabel = "N", description = "Channels of the first ResNet stage (default ${DEFAULT-VALUE} = torchvision).")
    int width;

    @Option(names = "--feature-dim", defaultValue = "128", paramLabel = "D", description = "Instance head output dimension (default ${DEFAULT-VALUE}).")
    int featureDim;

    @Option(names = "--normalization", paramLabel = "NORM", description = "Input normalisation of the model: none,"
            + " imagenet or mean=M1,M2,M3,std=S1,S2,S3 (default: what the npz's sidecar FILE.json names, none"
            + " without one).")
    String normalization;

    @Mixin
    DataOption data;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "RUN_DIR", description = "Run directory to create.")
    Path out;

    @Override
    public Map<String, String> sharedOptionTexts() {
        return Map.of("--size", "Input size the model was trained at (the official code: 224).",
                "--data", "The data the model was trained on, recorded in the run: 'cluster' assigns it by default and"
                        + " 'train --resume' trains on it (repeatable: joined).");
    }

    @Override
    public Integer call() {
        int px = size.orNull();
        InputNormalization norm = normalization != null ? InputNormalization.parse(normalization)
                : RunWeights.sidecarNormalization(npz).orElse(InputNormalization.NONE);
        ModelSpec model = new ModelSpec(BackboneType.parse(backbone), Stem.parse(stem), width, featureDim, clusters,
                px, norm);
        Path checkpoint = RunWeights.importNpz(npz, model, data.specs(), out);
        PrintWriter console = spec.commandLine().getOut();
        console.println("imported " + npz + " (" + model.describe() + ", input " + px + "x" + px + ") into "
                + checkpoint);
        console.flush();
        return 0;
    }
}
