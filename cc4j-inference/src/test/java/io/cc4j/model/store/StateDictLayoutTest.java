package io.cc4j.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.cc4j.engine.EngineSupport;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import io.cc4j.testing.PythonReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The name mapping against the PyTorch reference's state dicts: state-dict-names.txt beside this test's
 * resources, made by state_dict_golden.py from scripts/cc_network.py (width 8, K 10, feature dim 128).
 */
class StateDictLayoutTest {
    private static final String GOLDEN = "/io/cc4j/model/store/state-dict-names.txt";

    @TempDir
    Path tmp;

    static List<Arguments> networks() {
        List<Arguments> all = new ArrayList<>();
        for (BackboneType b : BackboneType.values()) {
            for (Stem s : Stem.values()) {
                all.add(Arguments.of(b, s));
            }
        }
        return all;
    }

    private static List<String> goldenLines() throws IOException {
        try (InputStream in = StateDictLayoutTest.class.getResourceAsStream(GOLDEN)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#"))
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("networks")
    void everyParameterAndBufferHasTheReferenceNameShapeAndOrder(BackboneType backbone, Stem stem) throws IOException {
        String prefix = backbone.name().toLowerCase(Locale.ROOT) + " " + stem.name().toLowerCase(Locale.ROOT) + " ";
        List<String> expected = goldenLines().stream().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length())).toList();
        assertThat(expected).as("golden entries for " + prefix).isNotEmpty();
        try (ContrastiveModel model = new ModelSpec(backbone, stem, 8, 128, 10, 32).build(1, false)) {
            StateDictLayout layout = StateDictLayout.of(backbone);
            layout.checkCovers(model.namedParameters().keySet());
            List<String> actual = NpzExport.arrays(model, BatchNormCounters.none()).entrySet().stream()
                    .map(e -> e.getKey() + " [" + Arrays.stream(e.getValue().shape()).mapToObj(Long::toString)
                            .collect(Collectors.joining(",")) + "] " + e.getValue().type())
                    .toList();
            assertThat(actual).containsExactlyElementsOf(expected);
            // Every cc4j parameter appears exactly once.
            long mapped = layout.entries().stream().filter(e -> !e.isCounter()).count();
            assertThat(mapped).isEqualTo(model.namedParameters().size());
        }
    }

    @Test
    void goldenListIsWhatTheReferencePrintsToday() throws IOException, InterruptedException {
        PythonReference.assumeAvailable();
        Path fresh = tmp.resolve("names.txt");
        PythonReference.run(Path.of("src/test/resources/io/cc4j/model/store/state_dict_golden.py").toAbsolutePath(),
                fresh.toString());
        List<String> regenerated = Files.readAllLines(fresh).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(regenerated).containsExactlyElementsOf(goldenLines());
    }

    @Test
    void referenceBackboneIsTorchvisionsResNetAtWidth64() throws IOException, InterruptedException {
        PythonReference.assumeAvailable();
        String out = PythonReference.run(PythonReference.HELPERS.resolve("reference_matches_torchvision.py"));
        assertThat(out).contains("resnet18: reference backbone == torchvision").contains("resnet50: reference");
    }

    @Test
    void counterEntriesFollowEachBatchNormAndHaveNoCc4jParameter() {
        StateDictLayout layout = StateDictLayout.of(BackboneType.RESNET18);
        List<StateDictLayout.Entry> entries = layout.entries();
        for (int i = 0; i < entries.size(); i++) {
            StateDictLayout.Entry e = entries.get(i);
            assertThat(e.isCounter()).isEqualTo(e.torchName().endsWith(".num_batches_tracked"));
            if (e.isCounter()) {
                assertThat(entries.get(i - 1).torchName()).endsWith(".running_var");
            }
        }
        assertThat(layout.byTorchName("resnet.layer2.0.downsample.1.running_mean").orElseThrow().cc4jName())
                .isEqualTo("01backbone_03layer2_01ResidualUnit_02shortcut_02BatchNorm_runningMean");
        assertThat(layout.byCc4jName("03clusterHead_02output_weight").orElseThrow().torchName())
                .isEqualTo("cluster_projector.2.weight");
    }

    /**
     * DJL's Linear must hold its weight as PyTorch does, (out, in), and compute x W^T + b: checked on a
     * non-square layer with known values rather than assumed from the shapes alone.
     */
    @Test
    void djlLinearWeightIsOutByInAsInPyTorch() {
        try (NDManager manager = EngineSupport.engine().newBaseManager()) {
            Linear linear = Linear.builder().setUnits(3).build();
            linear.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            Map<String, Parameter> params = new java.util.LinkedHashMap<>();
            linear.getParameters().forEach(p -> params.put(p.getKey(), p.getValue()));
            NDArray weight = params.get("weight").getArray();
            assertThat(weight.getShape()).isEqualTo(new Shape(3, 2));
            float[] w = {1, 2, 3, 4, 5, 6}; // rows are outputs: W = [[1, 2], [3, 4], [5, 6]]
            weight.set(new ai.djl.ndarray.index.NDIndex("..."), manager.create(w, new Shape(3, 2)));
            params.get("bias").getArray().set(new ai.djl.ndarray.index.NDIndex("..."),
                    manager.create(new float[] {0.5f, -1f, 2f}));
            NDArray x = manager.create(new float[] {10, 100}, new Shape(1, 2));
            float[] y = linear.forward(new ParameterStore(manager, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
            // y_j = sum_i x_i W[j, i] + b_j
            assertThat(y[0]).isCloseTo(10 * 1 + 100 * 2 + 0.5f, within(1e-4f));
            assertThat(y[1]).isCloseTo(10 * 3 + 100 * 4 - 1f, within(1e-4f));
            assertThat(y[2]).isCloseTo(10 * 5 + 100 * 6 + 2f, within(1e-4f));
        }
    }
}
