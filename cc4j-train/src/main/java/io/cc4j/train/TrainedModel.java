package io.cc4j.train;

import io.cc4j.data.ImageDataset;
import io.cc4j.data.RawImage;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.inference.Prediction;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.MemoryLayouts;
import io.cc4j.model.ModelSpec;
import io.cc4j.run.RunLayout;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * What {@link Trainer} hands back: the trained network, ready to assign images at once, beside the run directory
 * where the same network is saved. Predictions from it equal those of {@code ClusterPredictor.load(runDirectory())}.
 *
 * <pre>{@code
 * try (TrainedModel model = new Trainer(null).fit(config, TrainingData.of(images), Path.of("runs/mine"))) {
 *     int cluster = model.predict(image).cluster();
 *     List<EpochRecord> history = model.result().history();
 * }
 * }</pre>
 *
 * <p>Closing it frees the network's native memory and the predictor's worker threads; the run directory stays.
 */
public final class TrainedModel implements AutoCloseable {
    private final TrainingResult result;
    private final ContrastiveModel model;
    private final ModelSpec spec;
    private final int batchSize;
    private final int workers;
    private ClusterPredictor predictor;
    private boolean closed;

    TrainedModel(TrainingResult result, ContrastiveModel model, ModelSpec spec, int batchSize, int workers) {
        this.result = result;
        this.model = model;
        this.spec = spec;
        this.batchSize = batchSize;
        this.workers = workers;
    }

    /** @return what the run did: epochs, per-epoch records, the newest checkpoint, time, whether it was stopped */
    public TrainingResult result() {
        return result;
    }

    /** @return the run directory the model is saved in */
    public Path runDirectory() {
        return result.runDir();
    }

    /** @return the files of the run */
    public RunLayout layout() {
        return RunLayout.of(result.runDir());
    }

    /** @return the network's spec: backbone, stem, width, K, input size */
    public ModelSpec spec() {
        return spec;
    }

    /**
     * The predictor over the trained network (created on first use and closed with this model).
     *
     * @return the predictor; the cluster head assigns
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized ClusterPredictor predictor() {
        if (closed) {
            throw new IllegalStateException("the trained model of " + result.runDir() + " is closed");
        }
        if (predictor == null) {
            // the layout a predictor loaded from the run directory computes in, so that both give the same bits
            model.setChannelsLast(MemoryLayouts.inferenceChannelsLast(spec));
            predictor = ClusterPredictor.over(model, spec, batchSize, workers);
        }
        return predictor;
    }

    /**
     * @param image a decoded image (1 or 3 channels, any size)
     * @return its cluster and confidence
     */
    public Prediction predict(RawImage image) {
        return predictor().predict(image);
    }

    /**
     * @param image an image in memory
     * @return its cluster and confidence
     */
    public Prediction predict(BufferedImage image) {
        return predictor().predict(image);
    }

    /**
     * @param data images
     * @return the cluster of every image
     */
    public Assignments predict(ImageDataset data) {
        return predictor().predict(data);
    }

    /**
     * Frees the network and returns what the run did, for callers that need only what was saved.
     *
     * @return the result
     */
    public TrainingResult release() {
        close();
        return result;
    }

    /** Frees the network and the predictor's threads. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (predictor != null) {
            predictor.close();
        }
        model.close();
    }
}
