package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.augment.Augmentation;
import io.cc4j.model.BackboneType;
import io.cc4j.model.Stem;
import io.cc4j.train.DataLimits;
import io.cc4j.train.Model;
import io.cc4j.train.Optimisation;
import io.cc4j.train.RunPolicy;
import io.cc4j.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code cc4j train}'s options are the training settings, bound once: the help lists the same options as before,
 * in a section per group, and the configuration resolves defaults < --config FILE < --preset < explicit options.
 */
class TrainCommandTest {
    @TempDir
    Path tmp;

    /** The configuration {@code cc4j train ARGS} would train, without training. */
    private static TrainConfig resolve(String... args) {
        CommandLine root = Cc4jCommand.commandLine();
        String[] all = new String[args.length + 1];
        all[0] = "train";
        System.arraycopy(args, 0, all, 1, args.length);
        root.parseArgs(all);
        return ((TrainCommand) root.getSubcommands().get("train").getCommand()).resolve();
    }

    @Test
    void theHelpListsEveryOptionOnceInASectionPerGroup() {
        String help = CliRun.once("train", "--help").out();
        for (String flag : List.of("--data=SPEC", "--instance-only-data=SPEC", "-k, --clusters=K", "-o, --out=RUN_DIR",
                "--resume=RUN_DIR", "--config=FILE", "--preset=NAME", "--backbone=NAME", "--stem=NAME", "--width=N",
                "--size=PX", "-b, --batch-size=N", "-e, --epochs=N", "--lr=LR", "--weight-decay=WD",
                "--instance-temperature=T", "--cluster-temperature=T", "--feature-dim=D", "--seed=SEED", "--threads=N",
                "--workers=N", "--limit=N", "--eval-every=E", "--eval-subset=N", "--checkpoint-every=C",
                "--checkpoint-minutes=M", "--keep-checkpoints=N", "--max-pixels=N", "--[no-]strict", "--dry-run",
                "--[no-]separate-views", "--[no-]channels-last", "--augment-preset=NAME", "--strength=S",
                "--[no-]blur", "--[no-]crop", "--[no-]flip", "--[no-]jitter", "--[no-]grayscale", "--no-finish",
                "--normalization=NORM", "--init-backbone=SOURCE", "--init-prefix=PREFIX", "--[no-]init-heads",
                "--[no-]freeze-backbone", "--backbone-lr-scale=F")) {
            assertThat(help.lines().filter(l -> l.trim().startsWith(flag))).as(flag + " listed once").hasSize(1);
        }
        assertThat(help).doesNotContain("--precision");
        assertThat(help).containsSubsequence("Model:", "Optimisation:", "Pretrained backbone:", "Augmentation:",
                "Data and decoding limits:", "Run policy:", "Exit codes:");
    }

    @Test
    void thePretrainedOptionsSetTheirSettings() throws Exception {
        Path npz = tmp.resolve("r18.npz");
        io.cc4j.model.store.NpzFile.write(npz, java.util.Map.of("conv1.weight",
                io.cc4j.model.store.NpyArray.ofFloats(new long[] {1}, new float[1])));
        TrainConfig c = resolve("--data", "cifar10:/d", "--init-backbone", npz.toString(), "--init-prefix", "encoder.",
                "--backbone-lr-scale", "0.1", "--normalization", "imagenet");
        assertThat(c.get(io.cc4j.train.Pretrained.INIT_BACKBONE)).isEqualTo(npz.toString());
        assertThat(c.get(io.cc4j.train.Pretrained.INIT_PREFIX)).isEqualTo("encoder.");
        assertThat(c.get(io.cc4j.train.Pretrained.BACKBONE_LR_SCALE)).isEqualTo(0.1);
        assertThat(c.get(Model.NORMALIZATION)).isSameAs(io.cc4j.model.InputNormalization.IMAGENET);
        assertThat(resolve("--data", "cifar10:/d", "--normalization", "mean=0.5,std=0.25").get(Model.NORMALIZATION).id())
                .isEqualTo("mean=0.5,0.5,0.5,std=0.25,0.25,0.25");
    }

    @Test
    void initialWeightsThatDoNotFitAreListedWithExitCodeTwoAndNoRunIsLeft() throws Exception {
        String data = io.cc4j.data.SyntheticCifar10.write(tmp.resolve("data"), 32, 4, 1);
        Path npz = tmp.resolve("bad.npz");
        io.cc4j.model.store.NpzFile.write(npz, java.util.Map.of("encoder.conv1.weight",
                io.cc4j.model.store.NpyArray.ofFloats(new long[] {4, 3, 3, 3}, new float[108]),
                "encoder.layer1.0.conv1.weight", io.cc4j.model.store.NpyArray.ofFloats(new long[] {1}, new float[1])));
        Path run = tmp.resolve("run");
        CliRun.Result r = CliRun.once("train", "--data", data, "-k", "2", "--width", "4", "--size", "16", "-b", "16",
                "--init-backbone", npz.toString(), "--normalization", "none", "--out", run.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cc4j: error: " + npz + " does not fit the backbone of resnet18 with the cifar"
                + " stem, width 4").contains("under the prefix 'encoder.'").contains("missing 98:")
                .contains("mis-shaped 1: encoder.layer1.0.conv1.weight is [1], expected [4, 4, 3, 3]");
        assertThat(run).doesNotExist();
        CliRun.Result noSidecar = CliRun.once("train", "--data", data, "-k", "2", "--init-backbone", npz.toString(),
                "--out", run.toString());
        assertThat(noSidecar.code()).isEqualTo(2);
        assertThat(noSidecar.err()).contains("has no sidecar saying which input normalisation its weights expect: set"
                + " --normalization");
    }

    @Test
    void explicitOptionsSetTheirSettingsAndTheRestKeepTheDefaults() {
        TrainConfig c = resolve("--data", "cifar10:/d", "--data", "cifar10-test:/d", "-k", "20", "--lr", "0.01",
                "--no-crop", "--strict", "--seed", "7", "--threads", "3", "--max-pixels", "1000", "--size", "224");
        assertThat(c.get(DataLimits.DATA)).containsExactly("cifar10:/d", "cifar10-test:/d");
        assertThat(c.get(Model.CLUSTERS)).isEqualTo(20);
        assertThat(c.get(Optimisation.LEARNING_RATE)).isEqualTo(0.01);
        assertThat(c.get(Augmentation.CROP)).isFalse();
        assertThat(c.get(DataLimits.STRICT)).isTrue();
        assertThat(c.get(RunPolicy.SEED)).isEqualTo(7L);
        assertThat(c.get(RunPolicy.THREADS)).isEqualTo(3);
        assertThat(c.get(DataLimits.MAX_PIXELS)).isEqualTo(1000L);
        assertThat(c.imageSize()).isEqualTo(224);
        assertThat(c.get(Model.STEM)).as("follows the image size").isEqualTo(Stem.IMAGENET);
        assertThat(c.get(Optimisation.BATCH_SIZE)).isEqualTo(256);
        assertThat(c.get(Augmentation.FLIP)).isTrue();
        assertThat(c).isEqualTo(TrainConfig.builder().set(DataLimits.DATA, List.of("cifar10:/d", "cifar10-test:/d"))
                .set(Model.CLUSTERS, 20).set(Optimisation.LEARNING_RATE, 0.01).set(Augmentation.CROP, false)
                .set(DataLimits.STRICT, true).set(RunPolicy.SEED, 7L).set(RunPolicy.THREADS, 3)
                .set(DataLimits.MAX_PIXELS, 1000L).set(Augmentation.SIZE, 224).build());
    }

    @Test
    void precedenceIsDefaultsThenFileThenPresetThenOptions() throws Exception {
        Path file = tmp.resolve("c.json");
        Files.writeString(file, "{\"data\": [\"cifar100:/d\"], \"clusters\": 7, \"learning_rate\": 0.5,"
                + " \"weight_decay\": 0.25, \"limit\": 99, \"augment\": {\"blur\": true}}");
        TrainConfig fileOnly = resolve("--config", file.toString());
        assertThat(fileOnly.get(Model.CLUSTERS)).isEqualTo(7);
        assertThat(fileOnly.get(DataLimits.LIMIT)).isEqualTo(99);
        assertThat(fileOnly.get(Optimisation.EPOCHS)).as("a default the file leaves").isEqualTo(20);

        TrainConfig preset = resolve("--config", file.toString(), "--preset", "cifar100");
        assertThat(preset.get(Model.CLUSTERS)).as("the preset over the file").isEqualTo(20);
        assertThat(preset.get(Optimisation.LEARNING_RATE)).isEqualTo(3e-4);
        assertThat(preset.get(Model.BACKBONE)).isEqualTo(BackboneType.RESNET34);
        assertThat(preset.get(DataLimits.LIMIT)).as("the file where the preset says nothing").isEqualTo(99);
        assertThat(preset.get(Augmentation.BLUR)).as("the preset's augmentation").isFalse();

        TrainConfig explicit = resolve("--config", file.toString(), "--preset", "cifar100", "--lr", "0.125",
                "--blur", "--size", "64");
        assertThat(explicit.get(Optimisation.LEARNING_RATE)).as("the option over the preset").isEqualTo(0.125);
        assertThat(explicit.get(Augmentation.BLUR)).isTrue();
        assertThat(explicit.imageSize()).isEqualTo(64);
        assertThat(explicit.get(Model.STEM)).as("the preset's stem stays").isEqualTo(Stem.IMAGENET);
        assertThat(explicit.get(Optimisation.WEIGHT_DECAY)).as("the preset's, not the file's").isZero();
    }

    @Test
    void anAugmentationPresetTakesTheSizeGivenAndExplicitSwitchesOverIt() {
        TrainConfig c = resolve("--augment-preset", "imagenet10", "--size", "96", "--no-blur");
        assertThat(c.imageSize()).isEqualTo(96);
        assertThat(c.get(Augmentation.STRENGTH)).isEqualTo(1.0);
        assertThat(c.get(Augmentation.BLUR)).isFalse();
    }

    @Test
    void resumeTakesOnlyANewEpochTotalAndNoFinish() {
        CliRun.Result r = CliRun.once("train", "--resume", tmp.toString(), "--epochs", "3", "--lr", "0.1",
                "--no-crop");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("only --epochs (a new total) and --no-finish may be given, not --lr, --no-crop");
    }

    @Test
    void aSingleValuedOptionGivenTwiceIsRefusedAsPicocliRefusesOthers() {
        CliRun.Result r = CliRun.once("train", "--epochs", "1", "--epochs", "2", "--dry-run", "--out",
                tmp.resolve("twice").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("option '--epochs' should be specified only once");
        CliRun.Result lists = CliRun.once("train", "--data", "idx:a", "--data", "idx:b", "--epochs", "1", "--dry-run",
                "--out", tmp.resolve("lists").toString());
        assertThat(lists.err()).as("a list option repeats").doesNotContain("specified only once");
    }
}
