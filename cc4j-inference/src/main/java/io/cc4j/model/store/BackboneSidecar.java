package io.cc4j.model.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cc4j.InvalidInputException;
import io.cc4j.model.InputNormalization;

/**
 * The JSON file {@code scripts/state-dict-to-npz.py} writes beside a backbone's npz ({@code r50.npz} ->
 * {@code r50.json}): which ResNet the tensors are and the input normalisation the weights were trained with.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion 1
 * @param backbone resnet18, resnet34 or resnet50
 * @param stem imagenet or cifar
 * @param width channels of the first stage
 * @param normalize the input normalisation, or null for none
 * @param source where the weights come from (free text)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BackboneSidecar(
        @JsonProperty("format") String format,
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("backbone") String backbone,
        @JsonProperty("stem") String stem,
        @JsonProperty("width") int width,
        @JsonProperty("normalize") WeightsSidecar.Normalize normalize,
        @JsonProperty("source") String source) {
    /** Value of {@code format}. */
    public static final String FORMAT = "cc4j-backbone-npz";

    /**
     * @return the input normalisation the weights expect
     * @throws InvalidInputException when the values are not a valid normalisation
     */
    public InputNormalization normalization() {
        return normalize == null ? InputNormalization.NONE : normalize.normalization();
    }

    /** @return e.g. {@code resnet50 with the imagenet stem at width 64} */
    public String describeBackbone() {
        return backbone + " with the " + stem + " stem at width " + width;
    }
}
