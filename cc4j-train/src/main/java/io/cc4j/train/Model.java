package io.cc4j.train;

import io.cc4j.augment.Augmentation;
import io.cc4j.model.BackboneType;
import io.cc4j.model.Stem;
import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;

/**
 * The network a run trains: backbone, stem and width of the ResNet, and the two heads (instance feature dimension
 * and K). The default is the cheap CIFAR-stem ResNet-18; {@link PaperPreset} gives the paper's ResNet-34.
 */
public final class Model {
    /** The ResNet variant. */
    public static final Setting<BackboneType> BACKBONE = Setting.choice("backbone", BackboneType.class,
            BackboneType.RESNET18, BackboneType::parse, "The ResNet: resnet18, resnet34 or resnet50.");
    /** The stem; by default the one that fits the image size ({@link Stem#forImageSize}). */
    public static final Setting<Stem> STEM = Setting.builder("stem", Stem.class,
            "cifar (3x3 conv, no pool; for small images) or imagenet (7x7/2 conv + max-pool, the paper's).")
            .parser(Stem::parse).derived(s -> Stem.forImageSize(s.get(Augmentation.SIZE)),
                    "cifar below 128 px, imagenet from 128 px").build();
    /** Channels of the first ResNet stage (64 is torchvision's; smaller for CPU-sized runs). */
    public static final Setting<Integer> WIDTH = Setting.positiveInt("width", 64,
            "Channels of the first ResNet stage (64 = torchvision; smaller is faster).");
    /** Output dimension of the instance head. */
    public static final Setting<Integer> FEATURE_DIM = Setting.positiveInt("featureDim", 128,
            "Instance head output dimension.");
    /** K, the number of clusters. */
    public static final Setting<Integer> CLUSTERS = Setting.intAtLeast("clusters", 2, 10, "Number of clusters K.");

    /** The group. */
    public static final SettingGroup GROUP = SettingGroup.of("Model", BACKBONE, STEM, WIDTH, FEATURE_DIM, CLUSTERS);

    private Model() {
    }
}
