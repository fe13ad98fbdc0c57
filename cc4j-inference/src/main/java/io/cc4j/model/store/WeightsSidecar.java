package io.cc4j.model.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
import io.cc4j.model.BackboneType;
import io.cc4j.model.InputNormalization;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON file beside an npz ({@code model.npz} -> {@code model.json}) saying what the weights are and how
 * images must be prepared for them; {@code scripts/cc-checkpoint-to-npz.py} writes the same keys.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion always {@value #FORMAT_VERSION}
 * @param backbone resnet18, resnet34 or resnet50
 * @param stem imagenet or cifar
 * @param width channels of the stem and first stage
 * @param featureDim dimension of the instance feature z
 * @param clusters K
 * @param inputChannels always 3 (grey images are replicated to three channels)
 * @param inputSize edge of the network input in pixels
 * @param testTransform how an image becomes the network input
 * @param source where the weights come from (free text)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"format", "format_version", "backbone", "stem", "width", "feature_dim", "clusters",
    "input_channels", "input_size", "test_transform", "source"})
public record WeightsSidecar(
        @JsonProperty("format") String format,
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("backbone") String backbone,
        @JsonProperty("stem") String stem,
        @JsonProperty("width") int width,
        @JsonProperty("feature_dim") int featureDim,
        @JsonProperty("clusters") int clusters,
        @JsonProperty("input_channels") int inputChannels,
        @JsonProperty("input_size") int inputSize,
        @JsonProperty("test_transform") EvalTransform testTransform,
        @JsonProperty("source") String source) {
    /** Value of {@code format}. */
    public static final String FORMAT = "cc4j-weights-npz";
    /** Value of {@code format_version}. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * The test transform of the official code and of cc4j's inference: {@code Resize((S, S))} (bilinear, with
     * PIL's antialiasing when shrinking), {@code ToTensor()} (values in [0, 1]), then the model's input
     * normalisation, if any ({@code Normalize(mean, std)}; the network exported to TorchScript applies it itself).
     *
     * @param resize output height and width
     * @param interpolation always bilinear
     * @param antialias true: shrinking averages over the widened triangle filter, as PIL does
     * @param normalize the per-channel mean and std the network's input is normalised with, or null for none
     *     (files written before normalisation existed always hold null)
     * @param grayscale how one-channel images become three channels
     * @param torchvision the same transform written with torchvision
     */
    @JsonPropertyOrder({"resize", "interpolation", "antialias", "normalize", "grayscale", "torchvision"})
    public record EvalTransform(
            @JsonProperty("resize") List<Integer> resize,
            @JsonProperty("interpolation") String interpolation,
            @JsonProperty("antialias") boolean antialias,
            @JsonProperty("normalize") Normalize normalize,
            @JsonProperty("grayscale") String grayscale,
            @JsonProperty("torchvision") String torchvision) {
        /**
         * @param size output edge in pixels
         * @return the test transform at that size
         */
        public static EvalTransform at(int size) {
            return at(size, InputNormalization.NONE);
        }

        /**
         * @param size output edge in pixels
         * @param normalization the input normalisation
         * @return the test transform at that size, with that normalisation
         */
        public static EvalTransform at(int size, InputNormalization normalization) {
            String steps = "transforms.Resize((" + size + ", " + size + ")), transforms.ToTensor()"
                    + (normalization.isNone() ? "" : ", " + normalization.torchvision());
            return new EvalTransform(List.of(size, size), "bilinear", true, Normalize.of(normalization),
                    "replicated to three channels", "transforms.Compose([" + steps + "])");
        }

        /** @return the input normalisation this transform ends with */
        public InputNormalization normalization() {
            return normalize == null ? InputNormalization.NONE : normalize.normalization();
        }
    }

    /**
     * torchvision's {@code Normalize(mean, std)} as JSON.
     *
     * @param mean per-channel means
     * @param std per-channel standard deviations
     * @param name {@code imagenet} for ImageNet's values, otherwise absent
     */
    @JsonPropertyOrder({"mean", "std", "name"})
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Normalize(
            @JsonProperty("mean") List<Double> mean,
            @JsonProperty("std") List<Double> std,
            @JsonProperty("name") String name) {
        /** @return the JSON form of a normalisation, null for none */
        static Normalize of(InputNormalization n) {
            if (n.isNone()) {
                return null;
            }
            return new Normalize(java.util.Arrays.stream(n.mean()).boxed().toList(),
                    java.util.Arrays.stream(n.std()).boxed().toList(), n == InputNormalization.IMAGENET ? "imagenet" : null);
        }

        /**
         * @return the normalisation
         * @throws InvalidInputException when the values are not a valid normalisation
         */
        public InputNormalization normalization() {
            if (mean == null || std == null) {
                throw new InvalidInputException("a normalize entry needs both mean and std");
            }
            return InputNormalization.of(mean.stream().mapToDouble(Double::doubleValue).toArray(),
                    std.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /**
     * @param spec the weights' network and input size
     * @param source where the weights come from
     * @return the sidecar
     */
    public static WeightsSidecar of(ModelSpec spec, String source) {
        return new WeightsSidecar(FORMAT, FORMAT_VERSION, spec.backbone().id(), spec.stem().id(), spec.width(),
                spec.featureDim(), spec.clusters(), 3, spec.imageSize(),
                EvalTransform.at(spec.imageSize(), spec.normalization()), source);
    }

    /**
     * @return the network and input size this sidecar describes
     * @throws InvalidInputException naming the value that is not valid
     */
    public ModelSpec spec() {
        return new ModelSpec(BackboneType.parse(backbone), Stem.parse(stem), width, featureDim, clusters, inputSize,
                normalization());
    }

    /** @return the input normalisation of the test transform (none when the sidecar names none) */
    public InputNormalization normalization() {
        return testTransform == null ? InputNormalization.NONE : testTransform.normalization();
    }

    /**
     * @param npz an npz file
     * @return the sidecar's path: the same name with {@code .json} instead of {@code .npz}
     */
    public static Path pathFor(Path npz) {
        String name = npz.getFileName().toString();
        String base = name.endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return npz.resolveSibling(base + ".json");
    }

    /** @return this sidecar as indented JSON ending in a newline */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the sidecar", e);
        }
    }

    /**
     * @param file target, written atomically
     */
    public void write(Path file) {
        AtomicFiles.writeString(file, toJson());
    }

    /**
     * @param file a sidecar file
     * @return its content
     * @throws InvalidInputException naming the file if it is missing or not a sidecar
     */
    public static WeightsSidecar read(Path file) {
        try {
            WeightsSidecar s = JSON.readValue(Files.readString(file), WeightsSidecar.class);
            if (!FORMAT.equals(s.format())) {
                throw new InvalidInputException(file + " is not a cc4j weights sidecar (format '" + s.format() + "')");
            }
            return s;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read the sidecar " + file + ": " + e.getMessage(), e);
        }
    }
}
