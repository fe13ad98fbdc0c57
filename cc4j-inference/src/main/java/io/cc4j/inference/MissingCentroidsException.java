package io.cc4j.inference;

import io.cc4j.InvalidInputException;
import io.cc4j.model.FeatureKind;
import java.nio.file.Path;

/**
 * A run has no saved k-means centroids of the features asked for: they are saved when the run's images are
 * clustered with k-means, which has not happened yet.
 */
public final class MissingCentroidsException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient Path run;
    private final FeatureKind feature;

    /**
     * @param run the run directory
     * @param feature the features the centroids are of
     * @param file the file that is missing
     */
    public MissingCentroidsException(Path run, FeatureKind feature, Path file) {
        super("no k-means centroids of the " + feature.name().toLowerCase(java.util.Locale.ROOT) + " features in "
                + run + " (" + file.getFileName() + " is missing): they are saved when the run's images are"
                + " clustered with k-means");
        this.run = run;
        this.feature = feature;
    }

    /** @return the run directory */
    public Path run() {
        return run;
    }

    /** @return the features the centroids are of */
    public FeatureKind feature() {
        return feature;
    }
}
