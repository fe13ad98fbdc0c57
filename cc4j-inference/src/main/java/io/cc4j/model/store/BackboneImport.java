package io.cc4j.model.store;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.cc4j.InvalidInputException;
import io.cc4j.engine.NoGrad;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import io.cc4j.option.FieldMessage;
import io.cc4j.option.InvalidSettingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a ResNet backbone saved under torchvision's state-dict names ({@code conv1.weight}, {@code bn1.*},
 * {@code layer1.0.conv1.weight}, ...) into a model's backbone, and optionally the two heads under the official
 * Contrastive Clustering names ({@code instance_projector.*}, {@code cluster_projector.*}): the start of a run
 * from pretrained weights.
 *
 * <p>The backbone's names may carry a prefix, as the checkpoints of self-supervised methods do: {@code resnet.}
 * (Contrastive Clustering, cc4j's own export), {@code encoder.} (SimCLR, SupCon), {@code module.encoder_q.} (MoCo),
 * {@code module.encoder.}, {@code backbone.}, {@code module.} (a model saved through {@code nn.DataParallel}); it is
 * {@link #detectPrefix detected} when exactly one of these (or none at all) fits. Under the prefix, torchvision's
 * classifier {@code fc.*} is ignored, and so is {@code num_batches_tracked}, which cc4j does not hold; tensors outside
 * the prefix (a MoCo key encoder, a projection head) are ignored and counted. Everything is checked before
 * anything changes: every missing, unexpected, mis-shaped or mis-typed tensor is listed in one message naming the
 * source, and nothing is silently left at its random initialisation.
 */
public final class BackboneImport {
    /** The prefixes tried, in this order, when none is named. */
    public static final List<String> KNOWN_PREFIXES = List.of("", "resnet.", "encoder.", "module.encoder_q.",
            "module.encoder.", "backbone.", "module.");

    private static final String RESNET = "resnet.";
    private static final String COUNTER = "num_batches_tracked";
    private static final NDIndex ALL = new NDIndex("...");

    /**
     * What one import did.
     *
     * @param prefix the prefix of the backbone's names in the source ("" for none)
     * @param tensors parameters and BatchNorm statistics loaded (backbone, and heads when asked)
     * @param heads whether the two heads were loaded too
     * @param ignored tensors of the source not used: the classifier, {@code num_batches_tracked}, those outside the
     *     prefix
     */
    public record Result(String prefix, int tensors, boolean heads, int ignored) {
    }

    private BackboneImport() {
    }

    /**
     * The prefix of the backbone's names: the one among {@link #KNOWN_PREFIXES} under which {@code conv1.weight} and
     * {@code layer1.0.conv1.weight} are found, when exactly one fits.
     *
     * @param names the source's tensor names
     * @param what names the source in messages
     * @return the prefix, "" for none
     * @throws InvalidInputException when none fits, or several do (the message lists them and some of the names)
     */
    public static String detectPrefix(java.util.Collection<String> names, String what) {
        List<String> fits = KNOWN_PREFIXES.stream().filter(p -> names.contains(p + "conv1.weight")
                && names.contains(p + "layer1.0.conv1.weight")).toList();
        if (fits.size() == 1) {
            return fits.get(0);
        }
        if (fits.isEmpty()) {
            List<String> some = names.stream().limit(6).toList();
            throw InvalidSettingException.naming("initPrefix", n -> what + " holds no ResNet backbone under"
                    + " torchvision's names with any known prefix (" + describePrefixes(KNOWN_PREFIXES) + "; looked for"
                    + " PREFIXconv1.weight and PREFIXlayer1.0.conv1.weight); its first names: " + String.join(", ", some)
                    + (names.size() > some.size() ? ", ..." : "") + "; name the prefix with " + n);
        }
        throw InvalidSettingException.naming("initPrefix", n -> what + " holds a ResNet backbone under several"
                + " prefixes (" + describePrefixes(fits) + "); name the one to use with " + n);
    }

    private static String describePrefixes(List<String> prefixes) {
        return String.join(", ", prefixes.stream().map(p -> p.isEmpty() ? "none" : p).toList());
    }

    /**
     * Loads the backbone (and the heads) into {@code model}; the model is unchanged when anything does not fit.
     *
     * @param arrays the source's tensors by name
     * @param prefix the backbone's prefix in the source ("" for none; see {@link #detectPrefix})
     * @param heads also load {@code instance_projector.*} and {@code cluster_projector.*}
     * @param model the model to load into
     * @param what names the source in messages (the file or run directory)
     * @return what was loaded
     * @throws InvalidInputException listing every missing, unexpected, mis-shaped or mis-typed tensor
     */
    public static Result load(Map<String, NpyArray> arrays, String prefix, boolean heads, ContrastiveModel model,
            String what) {
        StateDictLayout layout = StateDictLayout.of(model.network().backbone().type());
        Map<String, Parameter> parameters = model.namedParameters();
        layout.checkCovers(parameters.keySet());
        // source name -> the cc4j parameter it fills
        Map<String, String> wanted = new LinkedHashMap<>();
        for (StateDictLayout.Entry e : layout.entries()) {
            if (e.isCounter()) {
                continue;
            }
            if (e.torchName().startsWith(RESNET)) {
                wanted.put(prefix + e.torchName().substring(RESNET.length()), e.cc4jName());
            } else if (heads) {
                wanted.put(e.torchName(), e.cc4jName());
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        List<String> misTyped = new ArrayList<>();
        boolean headShape = false;
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            NpyArray a = arrays.get(w.getKey());
            if (a == null) {
                missing.add(w.getKey());
                continue;
            }
            long[] expected = parameters.get(w.getValue()).getArray().getShape().getShape();
            if (!Arrays.equals(a.shape(), expected)) {
                misShaped.add(w.getKey() + " is " + NpyArray.describe(a.shape()) + ", expected "
                        + NpyArray.describe(expected));
                headShape |= isHead(w.getKey());
            } else if (a.type() != NpyArray.Type.FLOAT32) {
                misTyped.add(w.getKey() + " is " + a.typeName() + ", expected " + NpyArray.Type.FLOAT32);
            }
        }
        List<String> unexpected = new ArrayList<>();
        int ignored = 0;
        for (String name : arrays.keySet()) {
            if (wanted.containsKey(name)) {
                continue;
            }
            if (name.startsWith(prefix) && !isHead(name)) {
                String local = name.substring(prefix.length());
                if (local.startsWith("fc.") || local.endsWith("." + COUNTER)) {
                    ignored++;
                } else {
                    unexpected.add(name);
                }
            } else {
                ignored++; // outside the backbone: another network's tensors, or heads not asked for
            }
        }
        List<String> problems = new ArrayList<>();
        list(problems, "missing", missing, ", ");
        list(problems, "unexpected", unexpected, ", ");
        list(problems, "mis-shaped", misShaped, "; ");
        list(problems, "wrong type", misTyped, "; ");
        if (!problems.isEmpty()) {
            ModelSpec spec = ModelSpec.of(model, 1);
            Optional<String> held = architecture(arrays, prefix).filter(a -> !a.equals(backboneOf(spec)));
            boolean headHint = headShape;
            throw InvalidSettingException.of(FieldMessage.of(List.of("backbone", "stem", "width", "initHeads"),
                    n -> what + " does not fit the backbone" + (heads ? " and heads" : "") + " of " + spec.describe()
                            + held.map(a -> " (it holds a " + a + " backbone; set " + n.get(0) + ", " + n.get(1)
                                    + " and " + n.get(2) + " to match)").orElse("")
                            + (headHint ? " (" + n.get(3) + " needs the same K and feature dimension as the source)"
                                    : "")
                            + ", under the prefix '" + prefix + "': " + String.join(" | ", problems)));
        }
        try (NoGrad noGrad = NoGrad.enter(); NDManager scope = model.manager().newSubManager()) {
            for (Map.Entry<String, String> w : wanted.entrySet()) {
                NpyArray a = arrays.get(w.getKey());
                // An indexed copy, as NpzImport does (set(Buffer) warns on stderr).
                parameters.get(w.getValue()).getArray().set(ALL, scope.create(a.floats(), new Shape(a.shape())));
            }
        }
        return new Result(prefix, wanted.size(), heads, ignored);
    }

    private static boolean isHead(String name) {
        return name.startsWith("instance_projector.") || name.startsWith("cluster_projector.");
    }

    private static void list(List<String> problems, String kind, List<String> names, String separator) {
        if (!names.isEmpty()) {
            problems.add(kind + " " + names.size() + ": " + String.join(separator, names));
        }
    }

    /** @return e.g. {@code resnet50 with the imagenet stem at width 64} */
    static String backboneOf(ModelSpec spec) {
        return describe(spec.backbone(), spec.stem(), spec.width());
    }

    private static String describe(BackboneType backbone, Stem stem, int width) {
        return backbone.id() + " with the " + stem.id() + " stem at width " + width;
    }

    /**
     * The ResNet the tensors under {@code prefix} are, read from their names and shapes as torchvision lays them
     * out: units per stage and block kind, the stem's kernel and the first width.
     *
     * @param arrays tensors by name
     * @param prefix the backbone's prefix
     * @return e.g. {@code resnet50 with the imagenet stem at width 64}; empty when they are no ResNet-18/34/50
     */
    public static Optional<String> architecture(Map<String, NpyArray> arrays, String prefix) {
        NpyArray conv1 = arrays.get(prefix + "conv1.weight");
        if (conv1 == null || conv1.shape().length != 4) {
            return Optional.empty();
        }
        Stem stem = conv1.shape()[3] == 7 ? Stem.IMAGENET : conv1.shape()[3] == 3 ? Stem.CIFAR : null;
        int[] units = new int[4];
        for (String name : arrays.keySet()) {
            for (int stage = 1; stage <= 4; stage++) {
                String layer = prefix + "layer" + stage + ".";
                if (name.startsWith(layer)) {
                    String rest = name.substring(layer.length());
                    int dot = rest.indexOf('.');
                    try {
                        units[stage - 1] = Math.max(units[stage - 1], Integer.parseInt(rest.substring(0, dot)) + 1);
                    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        boolean bottleneck = arrays.containsKey(prefix + "layer1.0.conv3.weight");
        for (BackboneType t : BackboneType.values()) {
            boolean same = t.bottleneck() == bottleneck;
            for (int stage = 0; stage < 4 && same; stage++) {
                same = t.units(stage) == units[stage];
            }
            if (same && stem != null) {
                return Optional.of(describe(t, stem, (int) conv1.shape()[0]));
            }
        }
        return Optional.empty();
    }
}
