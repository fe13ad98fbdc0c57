package io.cc4j.model.store;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.cc4j.Version;
import io.cc4j.data.DatasetFingerprint;
import java.time.Instant;
import java.util.List;

/**
 * Where a model came from: the versions of cc4j, DJL and the engine that trained it, when, on what data, and
 * which weights it started from when not from a random initialisation. Stored in every checkpoint's header
 * (format 2 on), so a model file explains itself.
 *
 * @param cc4j cc4j version
 * @param djl DJL version
 * @param engine engine name and version, e.g. {@code PyTorch 2.7.1}
 * @param created when the checkpoint was written (ISO-8601)
 * @param data fingerprints of the training datasets, in order (the instance-only ones after a {@code +})
 * @param initialWeights where the run's initial weights came from, or null for a random initialisation (and in
 *     checkpoints written before pretrained weights existed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(
        @JsonProperty("cc4j") String cc4j,
        @JsonProperty("djl") String djl,
        @JsonProperty("engine") String engine,
        @JsonProperty("created") String created,
        @JsonProperty("data") List<DatasetFingerprint> data,
        @JsonProperty("initial_weights") WeightsOrigin initialWeights) {

    /** Normalises a missing data list. */
    @JsonCreator
    public Provenance {
        data = data == null ? List.of() : List.copyOf(data);
    }

    /** A provenance without initial weights (a run started from a random initialisation). */
    public Provenance(String cc4j, String djl, String engine, String created, List<DatasetFingerprint> data) {
        this(cc4j, djl, engine, created, data, null);
    }

    /**
     * @param origin where the run's initial weights came from, or null for none
     * @return this provenance with that origin
     */
    public Provenance withInitialWeights(WeightsOrigin origin) {
        return new Provenance(cc4j, djl, engine, created, data, origin);
    }

    /**
     * @param engine the engine the model runs on
     * @param data fingerprints of the training data
     * @return the provenance of a checkpoint written now
     */
    public static Provenance now(Engine engine, List<DatasetFingerprint> data) {
        return new Provenance(Version.get(), Engine.getDjlVersion(), engine.getEngineName() + " " + engine.getVersion(),
                Instant.now().toString(), data);
    }
}
