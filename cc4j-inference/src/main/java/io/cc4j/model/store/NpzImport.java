package io.cc4j.model.store;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.cc4j.InvalidInputException;
import io.cc4j.engine.NoGrad;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.ModelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads weights stored under the official PyTorch state-dict names into a model. Everything is checked
 * before anything changes: a missing, unexpected, mis-shaped or mis-typed tensor is refused, and all of them
 * are listed in one message.
 */
public final class NpzImport {
    private static final NDIndex ALL = new NDIndex("...");

    private NpzImport() {
    }

    /**
     * @param arrays state-dict name to array (e.g. {@link NpzFile#read})
     * @param model the model to load into; it must have the architecture the arrays were saved from
     * @param what names the source in messages, e.g. the file
     * @return the BatchNorm batch counts the arrays held
     * @throws InvalidInputException listing every tensor that is missing, unexpected, mis-shaped or of the
     *     wrong type (the model is then unchanged)
     */
    public static BatchNormCounters load(Map<String, NpyArray> arrays, ContrastiveModel model, String what) {
        StateDictLayout layout = StateDictLayout.of(model.network().backbone().type());
        Map<String, Parameter> parameters = model.namedParameters();
        layout.checkCovers(parameters.keySet());
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        List<String> misTyped = new ArrayList<>();
        for (StateDictLayout.Entry e : layout.entries()) {
            NpyArray a = arrays.get(e.torchName());
            if (a == null) {
                missing.add(e.torchName());
                continue;
            }
            long[] expected = e.isCounter() ? new long[0]
                    : parameters.get(e.cc4jName()).getArray().getShape().getShape();
            NpyArray.Type type = e.isCounter() ? NpyArray.Type.INT64 : NpyArray.Type.FLOAT32;
            if (!Arrays.equals(a.shape(), expected)) {
                misShaped.add(e.torchName() + " is " + NpyArray.describe(a.shape()) + ", expected "
                        + NpyArray.describe(expected));
            } else if (a.type() != type) {
                misTyped.add(e.torchName() + " is " + a.typeName() + ", expected " + type);
            }
        }
        List<String> unexpected = arrays.keySet().stream().filter(n -> layout.byTorchName(n).isEmpty()).toList();
        List<String> problems = new ArrayList<>();
        list(problems, "missing", missing, ", ");
        list(problems, "unexpected", unexpected, ", ");
        list(problems, "mis-shaped", misShaped, "; ");
        list(problems, "wrong type", misTyped, "; ");
        if (!problems.isEmpty()) {
            throw new InvalidInputException(what + " does not fit " + ModelSpec.of(model, 1).describe() + ": "
                    + String.join(" | ", problems));
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        try (NoGrad noGrad = NoGrad.enter(); NDManager scope = model.manager().newSubManager()) {
            for (StateDictLayout.Entry e : layout.entries()) {
                NpyArray a = arrays.get(e.torchName());
                if (e.isCounter()) {
                    counts.put(e.torchName(), a.longs()[0]);
                } else {
                    NDArray target = parameters.get(e.cc4jName()).getArray();
                    // An indexed copy, as ContrastiveModel.loadParameters does (set(Buffer) warns on stderr).
                    target.set(ALL, scope.create(a.floats(), new Shape(a.shape())));
                }
            }
        }
        return BatchNormCounters.of(counts);
    }

    private static void list(List<String> problems, String kind, List<String> names, String separator) {
        if (!names.isEmpty()) {
            problems.add(kind + " " + names.size() + ": " + String.join(separator, names));
        }
    }
}
