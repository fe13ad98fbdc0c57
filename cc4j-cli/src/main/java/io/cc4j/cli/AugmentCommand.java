package io.cc4j.cli;

import io.cc4j.InvalidInputException;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.augment.Augmentation;
import io.cc4j.augment.BoostAugmentConfig;
import io.cc4j.augment.PairBuilder;
import io.cc4j.augment.StrongAugmentConfig;
import io.cc4j.augment.StrongAugmentation;
import io.cc4j.augment.StrongOp;
import io.cc4j.cli.common.SeedOption;
import io.cc4j.cli.common.SettingOptions;
import io.cc4j.cli.common.SharedOptionTexts;
import io.cc4j.cli.common.SizeOption;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;
import io.cc4j.option.Settings;
import io.cc4j.report.ViewGrid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code cc4j augment SPEC --out grid.png}: shows originals and both augmented views side by side. */
@Command(
        name = "augment",
        mixinStandardHelpOptions = true,
        modelTransformer = AugmentCommand.Bind.class,
        description = {
            "Writes a PNG of images and their two augmented views.",
            "The views are what the network trains on.",
            "One row per image: the original (test transform), view a and view b, exactly as "
                    + "pair construction makes them for training. Images are taken at evenly spaced indices.",
            "Without --preset the defaults are s 0.5 and no blur (the CIFAR settings); the size defaults to the "
                    + "dataset's image size, or 224 when sizes vary.",
            "With --boost the two views are those of TCL's boost stage instead: the weak view (crop 0.2-1, flip, "
                    + "jitter 0.4/0.4/0.2/0.1, grayscale, blur where the preset has it) and the strong view (flip, "
                    + "4 random operations, one cutout hole).",
        },
        exitCodeList = {"0:grid written"})
public final class AugmentCommand implements Callable<Integer>, SharedOptionTexts {
    private static final List<SettingGroup> GROUPS = List.of(Augmentation.GROUP);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The dataset, e.g. cifar10:/data/cifar-10-batches-bin.")
    private String datasetSpec;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "Output PNG file.")
    private Path out;

    @Option(names = {"-n", "--count", "--n"}, paramLabel = "N", defaultValue = "16", description = "Images (rows), default ${DEFAULT-VALUE}.")
    private int n;

    @Mixin
    private SizeOption size;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "The paper's augmentation settings for a dataset (same as --augment-preset).")
    private String preset;

    @Mixin
    private SeedOption seed;

    @Option(names = "--workers", paramLabel = "N", description = "Augmentation threads (default: available processors).")
    private Integer workers;

    @Option(names = "--boost", description = "Draw TCL's weak and strong views (the boost stage's pairs) instead of "
            + "CC's two views. --no-flip then switches off the flip of both, and --strength sets TCL's s "
            + "(weak jitter 0.8s/0.8s/0.4s/0.2s, default 0.5).")
    private boolean boost;

    @Option(names = "--strong-off", split = ",", paramLabel = "OP", description = "With --boost: strong-view "
            + "operations to switch off, e.g. rotate,posterize. Known: identity, auto-contrast, equalize, rotate, "
            + "solarize, color, contrast, brightness, sharpness, shear-x, shear-y, translate-x, translate-y, posterize.")
    private List<String> strongOff = new ArrayList<>();

    @Option(names = "--no-cutout", description = "With --boost: switch off the strong view's cutout hole.")
    private boolean noCutout;

    @Mixin
    private AugmentOptions augment = new AugmentOptions();

    /** One option per augmentation setting. */
    static final class Bind implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            return SettingOptions.bind(spec, GROUPS, Settings.builder(GROUPS));
        }
    }

    @Override
    public Map<String, String> sharedOptionTexts() {
        return Map.of("--size", "View edge in pixels. Default: the dataset's image size, or 224 where its images differ"
                + " in size (image folders).");
    }

    @Override
    public Integer call() {
        if (n < 1) {
            throw new InvalidInputException("--n " + n + " must be at least 1");
        }
        ImageDataset data = DatasetSpec.open(datasetSpec);
        if (data.size() == 0) {
            throw new InvalidInputException("dataset " + datasetSpec + " has no images");
        }
        int s = size.or(data.shape().map(sh -> sh.height()).orElse(224));
        if (!boost && (!strongOff.isEmpty() || noCutout)) {
            throw new InvalidInputException("--strong-off and --no-cutout need --boost");
        }
        int count = Math.min(n, data.size());
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = (int) ((long) i * data.size() / count);
        }
        int threads = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        if (boost) {
            BoostAugmentConfig config = boostConfig(s);
            try (PairBuilder pcb = new PairBuilder(data, config, threads)) {
                ViewGrid.writePng(pcb, indices, seed.seed(), out);
            }
            spec.commandLine().getOut().printf("wrote %s: %d rows of original, weak view, strong view (%dx%d, weak %s, "
                    + "strong %s)%n", out, count, config.size(), config.size(), config.weak(), config.strong());
            return 0;
        }
        String name = augment.preset() != null ? augment.preset() : preset;
        AugmentConfig base = name != null ? AugmentConfig.preset(name, s)
                : AugmentConfig.builder().set(Augmentation.SIZE, s).build();
        AugmentConfig config = base.toBuilder().setAll(given()).build();
        try (PairBuilder pcb = new PairBuilder(data, config, threads)) {
            ViewGrid.writePng(pcb, indices, seed.seed(), out);
        }
        spec.commandLine().getOut().printf("wrote %s: %d rows of original, view a, view b (%dx%d, %s)%n",
                out, count, config.size(), config.size(), config);
        return 0;
    }

    /** TCL's views for the preset (or TCL's defaults), with the command's switches applied. */
    private BoostAugmentConfig boostConfig(int s) {
        String name = preset != null ? preset : augment.preset();
        BoostAugmentConfig base = name != null ? BoostAugmentConfig.preset(name, s)
                : new BoostAugmentConfig(AugmentConfig.builder().set(Augmentation.SIZE, s).build(),
                        StrongAugmentConfig.builder().set(Augmentation.SIZE, s).build());
        Map<Setting<?>, Object> given = given();
        AugmentConfig weak = (augment.preset() != null ? augment.presetAt(s) : base.weak()).toBuilder().setAll(given)
                .build();
        if (!given.containsKey(Augmentation.STRENGTH)) {
            // A preset named through --augment-preset carries CC's strength; the weak view keeps TCL's s.
            weak = weak.toBuilder().set(Augmentation.STRENGTH, base.weak().get(Augmentation.STRENGTH)).build();
        }
        StrongAugmentConfig.Builder strong = base.strong().toBuilder();
        if (Boolean.FALSE.equals(given.get(Augmentation.FLIP))) {
            strong.set(Augmentation.FLIP, false);
        }
        for (String op : strongOff) {
            strong.optOp(StrongOp.parse(op), false);
        }
        if (noCutout) {
            strong.set(StrongAugmentation.CUTOUT, false);
        }
        return new BoostAugmentConfig(weak, strong.build());
    }

    private Map<Setting<?>, Object> given() {
        return SettingOptions.given(spec, GROUPS);
    }
}
