package io.cc4j.model.store;

import ai.djl.nn.Parameter;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.ModelSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a model's weights under the official PyTorch state-dict names: every parameter and BatchNorm
 * statistic as float32, every {@code num_batches_tracked} as an int64 scalar, in PyTorch's order, plus the
 * JSON sidecar. In Python: {@code net.load_state_dict({k: torch.from_numpy(v) for k, v in np.load(f).items()})}
 * on the network of {@code scripts/cc_network.py}.
 */
public final class NpzExport {
    private NpzExport() {
    }

    /**
     * @param model the model
     * @param counters the BatchNorm batch counts to write ({@link BatchNormCounters#none()} writes zeros)
     * @return state-dict name to array, in PyTorch's order
     */
    public static Map<String, NpyArray> arrays(ContrastiveModel model, BatchNormCounters counters) {
        StateDictLayout layout = StateDictLayout.of(model.network().backbone().type());
        Map<String, Parameter> parameters = model.namedParameters();
        layout.checkCovers(parameters.keySet());
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (StateDictLayout.Entry e : layout.entries()) {
            if (e.isCounter()) {
                arrays.put(e.torchName(), NpyArray.scalar(counters.count(e.torchName())));
            } else {
                var array = parameters.get(e.cc4jName()).getArray();
                arrays.put(e.torchName(), NpyArray.ofFloats(array.getShape().getShape(), array.toFloatArray()));
            }
        }
        return arrays;
    }

    /**
     * Writes {@code npz} and its sidecar ({@link WeightsSidecar#pathFor}), each atomically.
     *
     * @param model the model
     * @param spec its description (checked against the model)
     * @param counters the BatchNorm batch counts
     * @param source where the weights come from, for the sidecar
     * @param npz target file
     * @return the sidecar written
     * @throws IllegalArgumentException if {@code spec} does not describe {@code model}
     */
    public static WeightsSidecar write(ContrastiveModel model, ModelSpec spec, BatchNormCounters counters,
            String source, Path npz) {
        ModelSpec actual = ModelSpec.of(model, spec.imageSize());
        if (!actual.equals(spec)) {
            throw new IllegalArgumentException("the description " + spec.describe() + " does not fit the model, "
                    + actual.describe());
        }
        NpzFile.write(npz, arrays(model, counters));
        WeightsSidecar sidecar = WeightsSidecar.of(spec, source);
        sidecar.write(WeightsSidecar.pathFor(npz));
        return sidecar;
    }
}
