package io.cc4j.model.store;

import io.cc4j.augment.Augmentation;
import io.cc4j.train.RunPolicy;
import io.cc4j.train.DataLimits;
import io.cc4j.train.Optimisation;
import io.cc4j.train.Model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.augment.PairBuilder;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.FashionMnist;
import io.cc4j.data.ImageDataset;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import io.cc4j.pipeline.RunWeights;
import io.cc4j.run.RunLayout;
import io.cc4j.testing.PythonReference;
import io.cc4j.train.TrainConfig;
import io.cc4j.train.Trainer;
import io.cc4j.train.TrainingListener;
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
 * cc4j against the project's PyTorch reference (scripts/cc_network.py: torchvision's ResNet + the official
 * heads), both loading the same npz, on real Fashion-MNIST test images prepared once by cc4j's test transform,
 * in eval mode: cluster probabilities within 1e-4 with the same argmax, ICH features within 1e-4; every
 * backbone and stem, a random model (width 8) and one trained briefly by cc4j (width 16, two steps).
 * Also: official-layout checkpoint_7.tar files written by the reference convert with
 * scripts/cc-checkpoint-to-npz.py, import bit for bit and assign as PyTorch does.
 */
class PyTorchParityTest {
    private static final int IMAGES = 8;
    private static final int K = 10;
    private static final double TOLERANCE = 1e-4;

    /** One network both sides run: its npz, the input images and the reference's outputs. */
    record Case(String label, ModelSpec spec, Path npz, Path inputs, Path out) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** An official-layout checkpoint written by the reference, converted by cc-checkpoint-to-npz.py. */
    record Official(String label, ModelSpec spec, Path dir, Path inputs) {
        @Override
        public String toString() {
            return label;
        }
    }

    @TempDir
    static Path tmp;
    static final List<Case> CASES = new ArrayList<>();
    static final List<Official> OFFICIAL = new ArrayList<>();

    static List<Case> cases() {
        return CASES;
    }

    static List<Official> official() {
        return OFFICIAL;
    }

    private static int sizeFor(Stem stem) {
        return stem == Stem.CIFAR ? 28 : 32; // native Fashion-MNIST, and an upscale through the test transform
    }

    @BeforeAll
    static void runReference() throws IOException, InterruptedException {
        if (!PythonReference.available() || FashionMnist.defaultDirectory().isEmpty()) {
            return; // each test skips itself with the reason
        }
        String data = "fashion-mnist-test:" + FashionMnist.defaultDirectory().get();
        ImageDataset images = DatasetSpec.open(data);
        Map<Integer, Path> inputs = new LinkedHashMap<>();
        for (int size : new int[] {28, 32}) {
            try (PairBuilder test = new PairBuilder(images, AugmentConfig.builder().set(Augmentation.SIZE, size).build(), 1)) {
                float[] x = test.testBatch(IntStream.range(0, IMAGES).toArray());
                Path file = tmp.resolve("inputs-" + size + ".npz");
                NpzFile.write(file, Map.of("x", NpyArray.ofFloats(new long[] {IMAGES, 3, size, size}, x)));
                inputs.put(size, file);
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = json.createObjectNode();
        ArrayNode caseList = manifest.putArray("cases");
        ArrayNode officialList = manifest.putArray("official");
        for (BackboneType backbone : BackboneType.values()) {
            for (Stem stem : Stem.values()) {
                String name = backbone.name().toLowerCase(Locale.ROOT) + "-" + stem.name().toLowerCase(Locale.ROOT);
                int size = sizeFor(stem);
                ModelSpec random = new ModelSpec(backbone, stem, 8, 128, K, size);
                Path randomNpz = tmp.resolve(name + "-random.npz");
                try (ContrastiveModel model = random.build(11, false)) {
                    NpzExport.write(model, random, BatchNormCounters.none(), "random", randomNpz);
                }
                add(caseList, new Case(name + " random", random, randomNpz, inputs.get(size),
                        tmp.resolve(name + "-random-out.npz")));
                ModelSpec trained = new ModelSpec(backbone, stem, 16, 128, K, size);
                Path run = tmp.resolve(name + "-run");
                TrainConfig config = TrainConfig.builder().set(DataLimits.DATA, List.of(data)).set(Model.CLUSTERS, K)
                        .set(Model.BACKBONE, random.backbone()).set(Model.STEM, random.stem()).set(Model.WIDTH, 16)
                        .augment(AugmentConfig.preset("fashion-mnist", size)).set(Optimisation.BATCH_SIZE, 16).set(DataLimits.LIMIT, 32).set(Optimisation.EPOCHS, 1)
                        .set(RunPolicy.EVAL_EVERY, 0).set(DataLimits.WORKERS, 1).set(RunPolicy.SEED, 3L).build();
                new Trainer(new TrainingListener() { }).train(config, run).close();
                Path trainedNpz = tmp.resolve(name + "-trained.npz");
                RunWeights.exportNpz(run, trainedNpz);
                add(caseList, new Case(name + " trained", trained, trainedNpz, inputs.get(size),
                        tmp.resolve(name + "-trained-out.npz")));
            }
        }
        for (ModelSpec spec : List.of(new ModelSpec(BackboneType.RESNET18, Stem.CIFAR, 8, 128, K, 28),
                new ModelSpec(BackboneType.RESNET50, Stem.IMAGENET, 8, 128, K, 32))) {
            Official o = new Official(spec.backbone().id() + "-" + spec.stem().id(), spec,
                    Files.createDirectories(tmp.resolve("official-" + spec.backbone().id())), inputs.get(spec.imageSize()));
            officialList.addObject().put("backbone", spec.backbone().id()).put("stem", spec.stem().id())
                    .put("width", spec.width()).put("clusters", K).put("size", spec.imageSize()).put("seed", 7)
                    .put("dir", o.dir().toString()).put("inputs", o.inputs().toString());
            OFFICIAL.add(o);
        }
        Path manifestFile = tmp.resolve("manifest.json");
        Files.writeString(manifestFile, json.writeValueAsString(manifest));
        System.out.println(PythonReference.run(PythonReference.HELPERS.resolve("parity_reference.py"),
                manifestFile.toString()).trim());
    }

    private static void add(ArrayNode list, Case c) {
        list.addObject().put("npz", c.npz().toString()).put("inputs", c.inputs().toString())
                .put("out", c.out().toString());
        CASES.add(c);
    }

    private static void assumeReference() {
        PythonReference.assumeAvailable();
        assumeTrue(FashionMnist.defaultDirectory().isPresent(),
                "skipped: Fashion-MNIST not installed (scripts/install-fashion-mnist.sh; CI installs it)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cc4jComputesWhatPyTorchComputes(Case c) {
        assumeReference();
        try (ContrastiveModel model = c.spec().build(0, false)) {
            NpzImport.load(NpzFile.read(c.npz()), model, c.npz().toString());
            compare(c.label(), model, c.inputs(), NpzFile.read(c.out()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("official")
    void officialCheckpointConvertsAndAssignsIdentically(Official o) throws IOException {
        assumeReference();
        Path npz = o.dir().resolve("official.npz");
        Path run = o.dir().resolve("run");
        RunWeights.importNpz(npz, o.spec(), List.of(), run);
        // Every tensor of the checkpoint arrives unchanged, num_batches_tracked included.
        Path back = o.dir().resolve("back.npz");
        RunWeights.exportNpz(run, back);
        Map<String, NpyArray> state = NpzFile.read(o.dir().resolve("state.npz"));
        Map<String, NpyArray> exported = NpzFile.read(back);
        assertThat(exported.keySet()).containsExactlyElementsOf(state.keySet());
        assertThat(exported).isEqualTo(state);
        assertThat(state.get("resnet.bn1.num_batches_tracked").longs()).containsExactly(3L);
        StoredModel stored = RunLayout.of(run).newestModel();
        try (ContrastiveModel model = stored.model()) {
            compare(o.label() + " official", model, o.inputs(), NpzFile.read(o.dir().resolve("out.npz")));
        }
    }

    private static void compare(String label, ContrastiveModel model, Path inputs, Map<String, NpyArray> reference) {
        NpyArray x = NpzFile.read(inputs).get("x");
        float[] z;
        float[] y;
        try (NDManager scope = model.manager().newSubManager()) {
            NDList out = model.inferAll(scope.create(x.floats(), new Shape(x.shape())));
            z = out.get(1).toFloatArray();
            y = out.get(2).toFloatArray();
        }
        float[] zRef = reference.get("z").floats();
        float[] cRef = reference.get("c").floats();
        assertThat(z).hasSameSizeAs(zRef);
        assertThat(y).hasSameSizeAs(cRef);
        double dz = maxAbsDiff(z, zRef);
        double dc = maxAbsDiff(y, cRef);
        double margin = Double.MAX_VALUE;
        for (int i = 0; i < IMAGES; i++) {
            int ours = argmax(y, i);
            int theirs = argmax(cRef, i);
            assertThat(ours).as("%s: cluster of image %d", label, i).isEqualTo(theirs);
            margin = Math.min(margin, topTwoGap(cRef, i));
        }
        System.out.printf(Locale.ROOT, "parity %-26s max |dc| %.2e  max |dz| %.2e  smallest top-2 gap %.2e%n",
                label, dc, dz, margin);
        assertThat(dc).as("%s: max |probability difference|", label).isLessThanOrEqualTo(TOLERANCE);
        assertThat(dz).as("%s: max |ICH feature difference|", label).isLessThanOrEqualTo(TOLERANCE);
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    private static int argmax(float[] rows, int row) {
        int best = 0;
        for (int k = 1; k < K; k++) {
            if (rows[row * K + k] > rows[row * K + best]) {
                best = k;
            }
        }
        return best;
    }

    private static double topTwoGap(float[] rows, int row) {
        float[] r = java.util.Arrays.copyOfRange(rows, row * K, row * K + K);
        java.util.Arrays.sort(r);
        return r[K - 1] - r[K - 2];
    }
}
