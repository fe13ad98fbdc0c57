package io.cc4j.inference;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.InMemoryDataset;
import io.cc4j.data.RawImage;
import io.cc4j.engine.EngineSupport;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.store.ParameterFile;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.CheckpointStore;
import io.cc4j.train.ModelFactory;
import io.cc4j.train.TrainConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A trained model loaded from a run directory, for online use inside other programs:
 *
 * <pre>{@code
 * try (TrainedModel m = TrainedModel.load(Path.of("runs/demo"))) {
 *     int cluster = m.assign(bufferedImage).clusters()[0];
 * }
 * }</pre>
 *
 * <p>Loads the newest checkpoint; a corrupt one is an error naming the file (inference never silently falls
 * back to an older model).
 */
public final class TrainedModel implements AutoCloseable {
    private final TrainConfig config;
    private final ContrastiveModel model;
    private final int epoch;
    private final Path checkpoint;

    private TrainedModel(TrainConfig config, ContrastiveModel model, int epoch, Path checkpoint) {
        this.config = config;
        this.model = model;
        this.epoch = epoch;
        this.checkpoint = checkpoint;
    }

    /**
     * Loads the newest checkpoint of a run directory.
     *
     * @param runDir a directory written by training
     * @param threads engine threads (0: the run's configured threads, where 0 means all cores)
     * @return the model
     */
    public static TrainedModel load(Path runDir, int threads) {
        if (!Files.isDirectory(runDir)) {
            throw new InvalidInputException("run directory not found: " + runDir);
        }
        Optional<Path> latest = new CheckpointStore(runDir).latest();
        if (latest.isEmpty()) {
            throw new InvalidInputException("no trained model in " + runDir + " (no checkpoints/epoch-*.ckpt)");
        }
        Path file = latest.get();
        Checkpoint.Verified checkpoint = Checkpoint.open(file);
        TrainConfig config = TrainConfig.fromJson(checkpoint.header().configJson(), file.toString());
        // The run's own thread setting unless the caller chooses (a one-thread run stays one-thread).
        EngineSupport.pytorch(EngineSupport.orAllCores(threads > 0 ? threads : config.threads()));
        ContrastiveModel model = ModelFactory.create(config);
        try {
            checkpoint.readSections(in -> ParameterFile.read(in, model), null);
            return new TrainedModel(config, model, checkpoint.header().epoch(), file);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Loads with the run's configured threads. */
    public static TrainedModel load(Path runDir) {
        return load(runDir, 0);
    }

    /** The run's configuration. */
    public TrainConfig config() {
        return config;
    }

    /** Epochs the model was trained for. */
    public int epoch() {
        return epoch;
    }

    /** The checkpoint file loaded. */
    public Path checkpoint() {
        return checkpoint;
    }

    /** Number of clusters K. */
    public int clusters() {
        return config.clusters();
    }

    /** The underlying network wrapper. */
    public ContrastiveModel network() {
        return model;
    }

    /** An assigner for a dataset at this model's input size. */
    public ClusterAssigner assigner(ImageDataset data, int batchSize, int workers) {
        return new ClusterAssigner(model, data, config.imageSize(), batchSize, workers);
    }

    /** Assigns every image of a dataset. */
    public Assignments assign(ImageDataset data) {
        try (ClusterAssigner a = assigner(data, 256, 0)) {
            return a.assignAll(data.size(), false, null, null);
        }
    }

    /** Assigns in-memory pictures (converted to RGB, resized to the model's input size). */
    public Assignments assign(List<BufferedImage> images) {
        List<RawImage> raw = images.stream().map(TrainedModel::toRaw).toList();
        return assign(InMemoryDataset.of(raw));
    }

    /** Assigns one picture. */
    public Assignments assign(BufferedImage image) {
        return assign(List.of(image));
    }

    static RawImage toRaw(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
        byte[] px = new byte[3 * w * h];
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            px[i] = (byte) (rgb[i] >>> 16);
            px[plane + i] = (byte) (rgb[i] >>> 8);
            px[2 * plane + i] = (byte) rgb[i];
        }
        return new RawImage(3, h, w, px);
    }

    @Override
    public void close() {
        model.close();
    }
}
