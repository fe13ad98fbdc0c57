package io.cc4j.train;

import io.cc4j.InvalidInputException;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.model.BackboneType;
import io.cc4j.model.Stem;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The paper's configuration per dataset (method.md): ResNet-34 with the ImageNet stem at 224x224, batch 256,
 * 1000 epochs, Adam 3e-4, the two views as two forward passes (per-view BatchNorm statistics, as the official
 * code), and the dataset's augmentation strength, blur and cluster count.
 */
public enum PaperPreset {
    /** CIFAR-10, K = 10, s 0.5, no blur. */
    CIFAR10("cifar10", 10),
    /** CIFAR-100 on its 20 superclasses, s 0.5, no blur. */
    CIFAR100("cifar100", 20),
    /** STL-10, K = 10, s 1.0, no blur; instance-only pass over the unlabeled split each epoch. */
    STL10("stl10", 10),
    /** ImageNet-10, K = 10, s 1.0, blur. */
    IMAGENET10("imagenet10", 10),
    /** ImageNet-Dogs, K = 15, s 1.0, blur. */
    IMAGENET_DOGS("imagenet-dogs", 15),
    /** Tiny-ImageNet, K = 200, s 0.5, no blur. */
    TINY_IMAGENET("tiny-imagenet", 200);

    private final String id;
    private final int clusters;

    PaperPreset(String id, int clusters) {
        this.id = id;
        this.clusters = clusters;
    }

    /** The name used on the command line. */
    public String id() {
        return id;
    }

    /** The paper's K for this dataset. */
    public int clusters() {
        return clusters;
    }

    /** Looks a preset up by its command-line name. */
    public static PaperPreset of(String name) {
        // Like the augmentation presets: case, '-' and '_' do not matter (tinyimagenet = tiny-imagenet).
        String key = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (PaperPreset p : values()) {
            if (p.id.replace("-", "").equals(key)) {
                return p;
            }
        }
        throw new InvalidInputException("unknown preset '" + name + "'; known: "
                + Arrays.stream(values()).map(PaperPreset::id).collect(Collectors.joining(", ")));
    }

    /**
     * Applies this preset to a builder: network, image size, batch, epochs, optimiser, K and augmentation.
     * Data specs are left to the caller.
     */
    public TrainConfig.Builder applyTo(TrainConfig.Builder b) {
        return b.set(Model.BACKBONE, BackboneType.RESNET34).set(Model.STEM, Stem.IMAGENET).set(Model.WIDTH, 64)
                .set(Optimisation.BATCH_SIZE, 256).set(Optimisation.EPOCHS, 1000)
                .set(Optimisation.LEARNING_RATE, 3e-4).set(Optimisation.WEIGHT_DECAY, 0.0)
                .set(Optimisation.INSTANCE_TEMPERATURE, 0.5).set(Optimisation.CLUSTER_TEMPERATURE, 1.0)
                .set(Model.FEATURE_DIM, 128).set(Model.CLUSTERS, clusters).set(RunPolicy.CHECKPOINT_EVERY, 10)
                .set(Optimisation.SEPARATE_VIEWS, true).augment(AugmentConfig.preset(id, 224));
    }
}
