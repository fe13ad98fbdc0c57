package io.cc4j.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.augment.Augmentation;
import io.cc4j.augment.PairBuilder;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.FashionMnist;
import io.cc4j.data.ImageDataset;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.FeatureKind;
import io.cc4j.model.InputNormalization;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import io.cc4j.run.InitialWeights;
import io.cc4j.run.RunLayout;
import io.cc4j.testing.PythonReference;
import io.cc4j.train.DataLimits;
import io.cc4j.train.Model;
import io.cc4j.train.Optimisation;
import io.cc4j.train.Pretrained;
import io.cc4j.train.RunPolicy;
import io.cc4j.train.TrainConfig;
import io.cc4j.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pretrained torchvision backbones in cc4j: torchvision's ResNet-18, -34 and -50 with random weights and random
 * BatchNorm statistics, saved by PyTorch as state dicts in the layouts of the self-supervised methods (bare, or under
 * {@code resnet.}, {@code encoder.}, {@code module.encoder_q.} beside a MoCo key encoder, {@code module.encoder.},
 * {@code backbone.}; in the containers {@code state_dict}, {@code model}, {@code net}, {@code encoder}), converted
 * by scripts/state-dict-to-npz.py, give cc4j the backbone features torchvision computes after ImageNet's
 * normalisation, in eval mode, within 1e-4, on real Fashion-MNIST images (grey, replicated to RGB). One case per
 * depth goes all the way: {@code initBackbone} with the normalisation taken from the script's sidecar, a run with the
 * backbone frozen, and the run's predictor. Every case also loads the PyTorch-named npz with its prefix, as another
 * tool writes it, through cc4j's own prefix detection.
 */
class PretrainedParityTest {
    private static final int IMAGES = 8;
    private static final double TOLERANCE = 1e-4;

    /** One torchvision network: its depth, how it was saved, the input size, and whether a run trains from it. */
    record Case(BackboneType depth, String layout, String container, int size, boolean throughRun, Path dir) {
        @Override
        public String toString() {
            return depth.id() + " '" + layout + "' in " + (container.isEmpty() ? "a bare state dict" : "'" + container
                    + "'") + " at " + size + " px";
        }
    }

    @TempDir
    static Path tmp;
    static final List<Case> CASES = new ArrayList<>();
    static final Map<Integer, Path> INPUTS = new LinkedHashMap<>();
    static String data;

    static List<Case> cases() {
        return CASES;
    }

    @BeforeAll
    static void runReference() throws IOException, InterruptedException {
        if (!PythonReference.available() || FashionMnist.defaultDirectory().isEmpty()) {
            return; // each test skips itself with the reason
        }
        data = "fashion-mnist-test:" + FashionMnist.defaultDirectory().get();
        ImageDataset images = DatasetSpec.open(data);
        for (int size : new int[] {32, 64}) {
            try (PairBuilder test = new PairBuilder(images, AugmentConfig.builder().set(Augmentation.SIZE, size).build(),
                    1)) {
                float[] x = test.testBatch(IntStream.range(0, IMAGES).toArray());
                Path file = tmp.resolve("inputs-" + size + ".npz");
                NpzFile.write(file, Map.of("x", NpyArray.ofFloats(new long[] {IMAGES, 3, size, size}, x)));
                INPUTS.put(size, file);
            }
        }
        // ResNet-50 at a small input keeps the test's time small.
        add(BackboneType.RESNET18, "", "", 64, true);
        add(BackboneType.RESNET18, "resnet.", "net", 64, false);
        add(BackboneType.RESNET18, "encoder.", "model", 64, false);
        add(BackboneType.RESNET18, "module.encoder.", "encoder", 64, false);
        add(BackboneType.RESNET18, "backbone.", "state_dict", 64, false);
        add(BackboneType.RESNET34, "module.encoder_q.", "state_dict", 64, true);
        add(BackboneType.RESNET50, "encoder.", "model", 32, true);
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = json.createObjectNode();
        ArrayNode list = manifest.putArray("cases");
        for (Case c : CASES) {
            list.addObject().put("depth", c.depth().id()).put("layout", c.layout()).put("container", c.container())
                    .put("seed", CASES.indexOf(c) + 1).put("dir", c.dir().toString())
                    .put("inputs", INPUTS.get(c.size()).toString());
        }
        Path manifestFile = tmp.resolve("manifest.json");
        Files.writeString(manifestFile, json.writeValueAsString(manifest));
        System.out.println(PythonReference.run(PythonReference.HELPERS.resolve("pretrained_reference.py"),
                manifestFile.toString()).trim());
    }

    private static void add(BackboneType depth, String layout, String container, int size, boolean throughRun)
            throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("case-" + CASES.size()));
        CASES.add(new Case(depth, layout, container, size, throughRun, dir));
    }

    private static void assumeReference() {
        PythonReference.assumeAvailable();
        assumeTrue(FashionMnist.defaultDirectory().isPresent(),
                "skipped: Fashion-MNIST not installed (scripts/install-fashion-mnist.sh; CI installs it)");
    }

    private static ModelSpec spec(Case c) {
        return new ModelSpec(c.depth(), Stem.IMAGENET, 64, 128, 10, c.size(), InputNormalization.IMAGENET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cc4jsBackboneComputesWhatTorchvisionComputes(Case c) {
        assumeReference();
        float[] reference = NpzFile.read(c.dir().resolve("h.npz")).get("h").floats();
        NpyArray x = NpzFile.read(INPUTS.get(c.size())).get("x");
        for (String npz : List.of("backbone.npz", "prefixed.npz")) {
            try (ContrastiveModel model = spec(c).build(0, false); NDManager scope = model.manager().newSubManager()) {
                WeightsOrigin o = InitialWeights.load(c.dir().resolve(npz).toString(), InitialWeights.DETECT, false,
                        model);
                assertThat(o.prefix()).isEqualTo(npz.equals("backbone.npz") ? "" : c.layout());
                float[] h = model.features(scope.create(x.floats(), new Shape(x.shape()))).get(0).toFloatArray();
                check(c + ", " + npz, h, reference);
            }
        }
        // The script's sidecar names the architecture and the normalisation.
        BackboneSidecar sidecar = readSidecar(c.dir().resolve("backbone.json"));
        assertThat(sidecar.backbone()).isEqualTo(c.depth().id());
        assertThat(sidecar.stem()).isEqualTo("imagenet");
        assertThat(sidecar.width()).isEqualTo(64);
        assertThat(sidecar.normalization()).isSameAs(InputNormalization.IMAGENET);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRunFromTheBackboneAssignsWithTorchvisionsFeatures(Case c) throws IOException {
        assumeReference();
        assumeTrue(c.throughRun(), "one case per depth goes through a run");
        Path run = c.dir().resolve("run");
        TrainConfig config = TrainConfig.builder().set(DataLimits.DATA, List.of(data)).set(Model.CLUSTERS, 10)
                .set(Model.BACKBONE, c.depth()).set(Model.STEM, Stem.IMAGENET).set(Model.WIDTH, 64)
                .set(Augmentation.SIZE, c.size()).set(Optimisation.BATCH_SIZE, 16).set(DataLimits.LIMIT, 32)
                .set(Optimisation.EPOCHS, 1).set(RunPolicy.EVAL_EVERY, 0).set(DataLimits.WORKERS, 1)
                .set(Pretrained.INIT_BACKBONE, c.dir().resolve("backbone.npz").toString())
                .set(Pretrained.FREEZE_BACKBONE, true).build();
        assertThat(config.get(Model.NORMALIZATION)).as("from the sidecar").isSameAs(InputNormalization.IMAGENET);
        new Trainer(null).train(config, run).close();
        float[] reference = NpzFile.read(c.dir().resolve("h.npz")).get("h").floats();
        try (ClusterPredictor predictor = ClusterPredictor.load(run); ImageDataset images = DatasetSpec.open(data)) {
            assertThat(predictor.spec().normalization()).isSameAs(InputNormalization.IMAGENET);
            Assignments a = predictor.predict(images, IntStream.range(0, IMAGES).toArray(), false,
                    FeatureKind.BACKBONE, null);
            check(c + ": the run's predictor", a.features(), reference);
        }
        assertThat(Files.readString(RunLayout.of(run).config())).contains("\"normalization\" : \"imagenet\"");
    }

    private static BackboneSidecar readSidecar(Path file) {
        try {
            return new ObjectMapper().readValue(file.toFile(), BackboneSidecar.class);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static void check(String label, float[] actual, float[] reference) {
        assertThat(actual).hasSameSizeAs(reference);
        double max = 0;
        for (int i = 0; i < actual.length; i++) {
            max = Math.max(max, Math.abs((double) actual[i] - reference[i]));
        }
        double scale = 0;
        for (float r : reference) {
            scale = Math.max(scale, Math.abs(r));
        }
        System.out.printf(Locale.ROOT, "pretrained parity %-60s max |dh| %.2e (largest |h| %.3f)%n", label, max, scale);
        assertThat(max).as("%s: max |backbone feature difference|", label).isLessThanOrEqualTo(TOLERANCE);
    }
}
