package io.cc4j.inference;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
import io.cc4j.model.FeatureKind;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The centroids of the paper's "k-means instead of CCH" ablation, kept with the run ({@code RUN_DIR/kmeans-
 * FEATURE.json}) so that new images can be assigned by it too: each goes to the centroid nearest (squared
 * Euclidean distance) to its features.
 *
 * @param feature which features the centroids live in
 * @param k number of centroids
 * @param dim feature dimension
 * @param centroids k x dim values, row-major
 */
public record Centroids(
        @JsonProperty("feature") FeatureKind feature,
        @JsonProperty("k") int k,
        @JsonProperty("dim") int dim,
        @JsonProperty("centroids") float[] centroids) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the shape. */
    public Centroids {
        if (feature == null || k < 1 || dim < 1 || centroids == null || centroids.length != (long) k * dim) {
            throw new InvalidInputException("k-means centroids need k x dim values (k " + k + ", dim " + dim + ")");
        }
        centroids = centroids.clone();
    }

    /**
     * @param features one feature vector (dim values) at {@code offset}
     * @param offset first value
     * @return the index of the nearest centroid, and in {@code distance[0]} its squared distance
     */
    public int nearest(float[] features, int offset, double[] distance) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double d = 0;
            for (int j = 0; j < dim; j++) {
                double diff = features[offset + j] - centroids[c * dim + j];
                d += diff * diff;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        distance[0] = bestDistance;
        return best;
    }

    /** Writes the centroids atomically to the run's {@link RunLayout#centroids(FeatureKind)}. */
    public void write(RunLayout run) {
        AtomicFiles.write(run.centroids(feature), out -> out.write(JSON.writeValueAsBytes(this)));
    }

    /**
     * @param run a run
     * @param feature the feature kind
     * @return the centroids saved there
     * @throws MissingCentroidsException when the run has none of these features
     * @throws InvalidInputException naming the file when it is unreadable
     */
    public static Centroids read(RunLayout run, FeatureKind feature) {
        Path file = run.centroids(feature);
        if (!Files.isRegularFile(file)) {
            throw new MissingCentroidsException(run.dir(), feature, file);
        }
        try {
            return JSON.readValue(file.toFile(), Centroids.class);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read k-means centroids " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Centroids c && feature == c.feature && k == c.k && dim == c.dim
                && java.util.Arrays.equals(centroids, c.centroids);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(centroids);
    }

    @Override
    public String toString() {
        return "Centroids[" + feature + ", k=" + k + ", dim=" + dim + "]";
    }
}
