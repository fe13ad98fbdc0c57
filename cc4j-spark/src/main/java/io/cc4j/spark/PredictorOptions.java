package io.cc4j.spark;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDecoder;
import io.cc4j.inference.AssignmentMethod;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.model.FeatureKind;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything that makes one loaded predictor differ from another: the key of {@link PredictorCache}, shipped to
 * executors with each task.
 *
 * @param modelPath a run directory or checkpoint file, as a Hadoop path or URI ({@code file:}, {@code hdfs:},
 *     {@code s3a:} ...)
 * @param method the cluster head or the run's saved k-means centroids
 * @param centroidFeature the features the saved centroids live in (for {@link AssignmentMethod#KMEANS})
 * @param batchSize images per forward pass
 * @param workers threads of the predictor's pool that resize images, 0 for the executor's cores ({@link ExecutorCores})
 * @param maxPixels the decoder's limit on an encoded image's declared size
 * @param channelsLast the backbone's memory layout: true channels-last, false channels-first, null the model's default
 */
public record PredictorOptions(String modelPath, AssignmentMethod method, FeatureKind centroidFeature, int batchSize,
        int workers, long maxPixels, Boolean channelsLast) implements Serializable {
    /** Checks the values. */
    public PredictorOptions {
        Objects.requireNonNull(modelPath, "modelPath");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(centroidFeature, "centroidFeature");
        if (modelPath.isBlank()) {
            throw new InvalidInputException("no model path given (setModelPath)");
        }
        if (batchSize < 1 || workers < 0 || maxPixels < 1) {
            throw new InvalidInputException("batch size and max pixels must be positive and workers not negative,"
                    + " got " + batchSize + ", " + maxPixels + ", " + workers);
        }
    }

    /**
     * Loads the predictor these options describe from a local copy of the model.
     *
     * @param local the run directory or checkpoint file on the local disk
     * @param resolvedWorkers the image workers to start: {@link #workers()}, or the executor's cores for 0
     * @return the predictor
     */
    ClusterPredictor load(Path local, int resolvedWorkers) {
        ClusterPredictor.Builder b = ClusterPredictor.builder().optMethod(method).optCentroidFeature(centroidFeature)
                .optBatchSize(batchSize)
                .optWorkers(Math.max(1, resolvedWorkers))
                .optDecoder(ImageDecoder.builder().optMaxPixels(maxPixels).build());
        if (channelsLast != null) {
            b.optChannelsLast(channelsLast);
        }
        return (ModelFiles.isCheckpointFile(modelPath) ? b.setCheckpoint(local) : b.setRunDirectory(local)).build();
    }
}
