package io.cc4j.model.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where a run's initial weights came from, when it did not start from a random initialisation: kept in the
 * {@link Provenance} of every checkpoint of the run, so a model says what it was fine-tuned from.
 *
 * @param source the source as given (an npz file or a run directory)
 * @param kind {@code npz} or {@code run}
 * @param file the file read, absolute (the npz, or the run's checkpoint)
 * @param sha256 SHA-256 of that file, in hex
 * @param prefix the prefix of the backbone's names in the source ("" for none)
 * @param heads whether the two heads were taken too
 * @param tensors tensors loaded
 * @param ignored tensors of the source not used (the classifier, BatchNorm counters, other networks' tensors)
 * @param normalization the input normalisation the source declared, or null when it declared none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"source", "kind", "file", "sha256", "prefix", "heads", "tensors", "ignored", "normalization"})
public record WeightsOrigin(
        @JsonProperty("source") String source,
        @JsonProperty("kind") String kind,
        @JsonProperty("file") String file,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("prefix") String prefix,
        @JsonProperty("heads") boolean heads,
        @JsonProperty("tensors") int tensors,
        @JsonProperty("ignored") int ignored,
        @JsonProperty("normalization") String normalization) {

    /** @return one line for logs, e.g. {@code 102 tensors of the backbone from r50.npz (prefix 'encoder.')} */
    public String describe() {
        return tensors + " tensors of the backbone" + (heads ? " and heads" : "") + " from " + source
                + (prefix == null || prefix.isEmpty() ? "" : " (prefix '" + prefix + "')")
                + (ignored > 0 ? ", " + ignored + " other tensors ignored" : "");
    }
}
