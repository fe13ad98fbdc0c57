package io.cc4j.cli;

import io.cc4j.InvalidInputException;
import io.cc4j.cli.common.ModelOption;
import io.cc4j.model.store.TorchScriptExport;
import io.cc4j.model.store.WeightsSidecar;
import io.cc4j.pipeline.RunWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cc4j export}: a run's model as PyTorch-named npz weights or as TorchScript. */
@Command(
        name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes a run's newest model for PyTorch.",
            "npz: every parameter and BatchNorm buffer under the official Contrastive-Clustering state-dict names "
                    + "(resnet.conv1.weight, ..., instance_projector.0.weight, cluster_projector.2.bias), plus "
                    + "FILE.json: K, backbone, stem, width, input size and the test transform.",
            "torchscript: a traced module x -> (z, c), made by scripts/npz-to-torchscript.py; needs Python 3 with "
                    + "torch and torchvision ($CC4J_PYTHON when set, else /usr/bin/python3 or python3)."},
        footer = {"", "Examples:",
            "  cc4j export --model runs/c10 --format npz --out c10.npz",
            "  cc4j export --model runs/c10 --format torchscript --out c10.pt"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--format", defaultValue = "npz", paramLabel = "FORMAT",
            description = "npz | torchscript (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "File to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        switch (format.toLowerCase(Locale.ROOT)) {
            case "npz" -> {
                WeightsSidecar s = RunWeights.exportNpz(model.path(), out);
                console.println("wrote " + out + " and " + WeightsSidecar.pathFor(out) + " (" + s.spec().describe()
                        + ", input " + s.spec().imageSize() + "x" + s.spec().imageSize() + ")");
            }
            case "torchscript" -> {
                // Checked first, so a missing Python costs no export.
                if (TorchScriptExport.findPython().isEmpty()) {
                    throw new InvalidInputException(TorchScriptExport.INSTALL_HINT);
                }
                Path dir = Files.createTempDirectory("cc4j-export");
                try {
                    Path npz = dir.resolve("model.npz");
                    RunWeights.exportNpz(model.path(), npz);
                    console.println(TorchScriptExport.convert(npz, out));
                } finally {
                    Files.deleteIfExists(dir.resolve("model.npz"));
                    Files.deleteIfExists(WeightsSidecar.pathFor(dir.resolve("model.npz")));
                    Files.deleteIfExists(dir);
                }
            }
            default -> throw new InvalidInputException("unknown --format '" + format + "' (expected npz or torchscript)");
        }
        console.flush();
        return 0;
    }
}
