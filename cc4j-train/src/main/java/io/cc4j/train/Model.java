package io.cc4j.train;

import io.cc4j.augment.Augmentation;
import io.cc4j.model.BackboneType;
import io.cc4j.model.InputNormalization;
import io.cc4j.model.Stem;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;
import io.cc4j.option.Settings;
import io.cc4j.run.InitialWeights;

/**
 * The network a run trains: backbone, stem and width of the ResNet, the two heads (instance feature dimension
 * and K), and the normalisation of its input. The default is the cheap CIFAR-stem ResNet-18; {@link PaperPreset}
 * gives the paper's ResNet-34.
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

    /**
     * What the network does to its [0, 1] input first; by default none, or with {@link Pretrained#INIT_BACKBONE} what
     * the source declares (its sidecar, or the run's model).
     */
    public static final Setting<InputNormalization> NORMALIZATION = Setting.builder("normalization",
            InputNormalization.class, "Input normalisation, part of the model: none (Contrastive Clustering's own"
                    + " networks), imagenet (mean 0.485,0.456,0.406, std 0.229,0.224,0.225: ImageNet-pretrained"
                    + " backbones) or mean=M1,M2,M3,std=S1,S2,S3.")
            .parser(InputNormalization::parse).derived(Model::declaredNormalization,
                    "none; with initBackbone, what its source declares").build();

    /** The group. */
    public static final SettingGroup GROUP = SettingGroup.of("Model", BACKBONE, STEM, WIDTH, FEATURE_DIM, CLUSTERS,
            NORMALIZATION);

    /** Without initial weights none; with them, what their source declares, which an npz without a sidecar does not. */
    private static InputNormalization declaredNormalization(Settings s) {
        String source = s.get(Pretrained.INIT_BACKBONE);
        if (source.isEmpty()) {
            return InputNormalization.NONE;
        }
        return InitialWeights.declaredNormalization(source).orElseThrow(() -> InvalidSettingException.naming(
                "normalization", n -> source + " has no sidecar saying which input normalisation its weights expect:"
                        + " set " + n + " (imagenet for ImageNet-pretrained backbones such as torchvision's, none for"
                        + " Contrastive Clustering's own)"));
    }

    private Model() {
    }
}
