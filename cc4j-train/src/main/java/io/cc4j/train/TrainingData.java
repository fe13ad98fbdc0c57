package io.cc4j.train;

import io.cc4j.option.InvalidSettingException;
import io.cc4j.InvalidInputException;
import io.cc4j.data.DatasetFingerprint;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a run trains on: any {@link ImageDataset}, and optionally a second one trained with the instance loss
 * alone before each epoch (the paper's STL-10 mode). Dataset specs ({@code cifar10:DIR}, ...) are one way to get
 * them ({@link #open}); a program may pass its own implementations.
 *
 * <p>Datasets opened from specs belong to this object and {@link #close()} releases them; datasets a program
 * passes in stay the program's to close.
 */
public final class TrainingData implements AutoCloseable {
    private final ImageDataset train;
    private final ImageDataset instanceOnly;
    private final String trainSource;
    private final String instanceOnlySource;
    private final boolean owned;

    private TrainingData(ImageDataset train, String trainSource, ImageDataset instanceOnly,
            String instanceOnlySource) {
        this(train, trainSource, instanceOnly, instanceOnlySource, false);
    }

    private TrainingData(ImageDataset train, String trainSource, ImageDataset instanceOnly,
            String instanceOnlySource, boolean owned) {
        this.owned = owned;
        this.train = Objects.requireNonNull(train, "train");
        this.trainSource = trainSource;
        this.instanceOnly = instanceOnly;
        this.instanceOnlySource = instanceOnlySource;
    }

    /**
     * @param train the images to cluster (labels, when present, are only used for evaluation)
     * @return the training data
     */
    public static TrainingData of(ImageDataset train) {
        return new TrainingData(train, train.description(), null, null);
    }

    /**
     * @param train the images to cluster
     * @param instanceOnly images trained with the instance loss alone before each epoch
     * @return the training data
     */
    public static TrainingData of(ImageDataset train, ImageDataset instanceOnly) {
        return new TrainingData(train, train.description(), Objects.requireNonNull(instanceOnly, "instanceOnly"),
                instanceOnly.description());
    }

    /**
     * Opens the datasets a configuration names, image folders with its pixel limit and strictness.
     *
     * @param cfg the configuration, with at least one spec in {@link DataLimits#DATA}
     * @return the training data; {@link #close()} releases the datasets
     * @throws InvalidInputException when the configuration names no data, or a spec cannot be opened
     */
    public static TrainingData open(TrainConfig cfg) {
        if (cfg.get(DataLimits.DATA).isEmpty()) {
            throw InvalidSettingException.across(List.of(DataLimits.DATA), names -> "no training data: give at least"
                    + " one dataset spec (" + names.get(0) + ")");
        }
        ImageDecoder decoder = ImageDecoder.builder().optMaxPixels(cfg.get(DataLimits.MAX_PIXELS)).build();
        ImageDataset train = DatasetSpec.openAll(cfg.get(DataLimits.DATA), cfg.get(DataLimits.STRICT), decoder);
        ImageDataset instanceOnly;
        try {
            instanceOnly = cfg.get(DataLimits.INSTANCE_ONLY_DATA).isEmpty() ? null
                    : DatasetSpec.openAll(cfg.get(DataLimits.INSTANCE_ONLY_DATA), cfg.get(DataLimits.STRICT), decoder);
        } catch (RuntimeException e) {
            train.close();
            throw e;
        }
        return new TrainingData(train, String.join("+", cfg.get(DataLimits.DATA)), instanceOnly,
                instanceOnly == null ? null : String.join("+", cfg.get(DataLimits.INSTANCE_ONLY_DATA)), true);
    }

    /** Releases the datasets when they were opened from specs ({@link #open}); otherwise does nothing. */
    @Override
    public void close() {
        if (owned) {
            train.close();
            if (instanceOnly != null) {
                instanceOnly.close();
            }
        }
    }

    /** @return the images to cluster */
    public ImageDataset train() {
        return train;
    }

    /** @return the instance-only images, when given */
    public Optional<ImageDataset> instanceOnly() {
        return Optional.ofNullable(instanceOnly);
    }

    /** @return fingerprints of the training data (and of the instance-only data, second), for provenance */
    public List<DatasetFingerprint> fingerprints() {
        List<DatasetFingerprint> list = new ArrayList<>();
        list.add(DatasetFingerprint.of(train, trainSource));
        if (instanceOnly != null) {
            list.add(DatasetFingerprint.of(instanceOnly, instanceOnlySource));
        }
        return list;
    }
}
