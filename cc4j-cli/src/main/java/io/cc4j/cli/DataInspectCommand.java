package io.cc4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.cli.common.JsonOption;
import io.cc4j.cli.common.MaxPixelsOption;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.DatasetSummary;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageShape;
import io.cc4j.report.DatasetGrid;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code cc4j data inspect SPEC}: count, shape, channels and class histogram of a dataset, plus a sample grid. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a dataset's image count, shape, channels and classes.",
            "The shape is 'varies' when images differ; classes are counted when labels exist. With --grid, writes a"
                    + " PNG of evenly spaced sample images.",
        },
        footerHeading = "%nDataset specs (KIND:PATH):%n",
        footer = {
            "  cifar10:DIR             CIFAR-10 binary, train+test (60,000); also cifar10-train, cifar10-test",
            "  cifar100:DIR            CIFAR-100 binary, train+test, 20 coarse labels; also cifar100-train,",
            "                          cifar100-test, cifar100-fine (100 labels), cifar100-fine-train/-test",
            "  stl10:DIR               STL-10 binary, train+test (13,000); also stl10-train, stl10-test",
            "  stl10-unlabeled:DIR     STL-10's 100,000 unlabeled images",
            "  idx:IMAGES[,LABELS]     IDX (MNIST format) files, plain or gzip",
            "  fashion-mnist[:DIR]     Fashion-MNIST train+t10k (70,000); also fashion-mnist-train, -test;",
            "                          without DIR: /usr/share/datasets/fashion-mnist or the cc4j cache",
            "  folder:DIR              images in one sub-folder per class (also Tiny-ImageNet's train/),",
            "                          or a flat unlabelled folder",
        },
        exitCodeList = {"0:summary printed"})
public final class DataInspectCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The dataset, e.g. cifar10:/data/cifar-10-batches-bin.")
    private String datasetSpec;

    @Option(names = "--grid", paramLabel = "PNG", description = "Write a grid of sample images to this PNG file.")
    private Path grid;

    @Option(names = "--grid-count", paramLabel = "N", defaultValue = "64",
            description = "Images in the grid, at evenly spaced indices (default: ${DEFAULT-VALUE}).")
    private int gridCount;

    @Mixin
    JsonOption json;

    @Option(names = "--strict", description = "Image folders: fail on an unreadable image instead of skipping it.")
    private boolean strict;

    @Mixin
    MaxPixelsOption maxPixels;

    @Override
    public Integer call() throws JsonProcessingException {
        if (gridCount < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--grid-count must be at least 1, got " + gridCount);
        }
        DatasetSpec parsed = DatasetSpec.parse(datasetSpec);
        io.cc4j.data.ImageDecoder decoder = io.cc4j.data.ImageDecoder.builder().optMaxPixels(maxPixels.orDefault()).build();
        DatasetSummary summary;
        try (ImageDataset dataset = parsed.open(strict, decoder)) {
            summary = DatasetSummary.of(dataset);
            if (grid != null) {
                DatasetGrid.writePng(dataset, gridCount, grid);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.json()) {
            out.println(new ObjectMapper().writeValueAsString(toJson(parsed, summary)));
        } else {
            printTable(out, parsed, summary);
        }
        out.flush();
        return 0;
    }

    private void printTable(PrintWriter out, DatasetSpec parsed, DatasetSummary s) {
        out.printf(Locale.ROOT, "%-9s %s%n", "spec", parsed);
        out.printf(Locale.ROOT, "%-9s %s%n", "dataset", s.description());
        out.printf(Locale.ROOT, "%-9s %d%n", "images", s.size());
        out.printf(Locale.ROOT, "%-9s %s%n", "shape", s.shape().map(ImageShape::toString).orElse("varies"));
        out.printf(Locale.ROOT, "%-9s %d%n", "channels", s.channels());
        out.printf(Locale.ROOT, "%-9s %s%n", "labels", s.labelled() ? "yes, " + s.classes().size() + " classes" : "no");
        if (grid != null) {
            out.printf(Locale.ROOT, "%-9s %s (%d images)%n", "grid", grid, Math.min(gridCount, s.size()));
        }
        if (s.labelled()) {
            int width = Math.max(5, s.classes().stream().mapToInt(c -> c.name().length()).max().orElse(5));
            out.println();
            out.printf(Locale.ROOT, "%5s  %-" + width + "s  %8s  %6s%n", "label", "class", "images", "share");
            for (DatasetSummary.ClassCount c : s.classes()) {
                out.printf(Locale.ROOT, "%5d  %-" + width + "s  %8d  %5.1f%%%n", c.label(), c.name(), c.count(),
                        100.0 * c.count() / s.size());
            }
        }
    }

    private Map<String, Object> toJson(DatasetSpec parsed, DatasetSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spec", parsed.toString());
        m.put("description", s.description());
        m.put("count", s.size());
        m.put("shape", s.shape().map(sh -> List.of(sh.channels(), sh.height(), sh.width())).orElse(null));
        m.put("channels", s.channels());
        m.put("labelled", s.labelled());
        m.put("classes", s.classes().stream().map(c -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("label", c.label());
            e.put("name", c.name());
            e.put("count", c.count());
            return e;
        }).toList());
        if (grid != null) {
            m.put("grid", grid.toString());
        }
        return m;
    }
}
