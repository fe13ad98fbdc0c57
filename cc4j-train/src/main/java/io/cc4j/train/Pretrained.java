package io.cc4j.train;

import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;
import io.cc4j.run.InitialWeights;

/**
 * Starting from weights others trained: the source of the initial backbone (an npz under torchvision's ResNet
 * names, or another run directory), the prefix of its names, whether the heads come too, and how the backbone
 * trains afterwards (frozen, or at a smaller learning rate). A run records its source here and the file it read
 * in its checkpoints' provenance; resuming never reads the source again. The input normalisation the weights
 * expect is {@link Model#NORMALIZATION}, by default what the source declares.
 */
public final class Pretrained {
    /** Where the initial weights come from; empty for a random initialisation. */
    public static final Setting<String> INIT_BACKBONE = Setting.builder("initBackbone", String.class,
            "Start the backbone from these weights: an npz under torchvision's ResNet names (scripts/"
                    + "state-dict-to-npz.py converts a PyTorch file) or another run directory.")
            .defaultValue("").defaultText("none (random initialisation)").build();
    /** The prefix of the backbone's names in the npz. */
    public static final Setting<String> INIT_PREFIX = Setting.builder("initPrefix", String.class,
            "Prefix of the backbone's names in the npz (e.g. encoder., module.encoder_q.): auto finds the one of"
                    + " none, resnet., encoder., module.encoder_q., module.encoder., backbone., module. that fits;"
                    + " none for bare torchvision names.")
            .defaultValue(InitialWeights.DETECT).check(p -> !p.isBlank(), "not blank").build();
    /** Take the heads from the source too. */
    public static final Setting<Boolean> INIT_HEADS = Setting.flag("initHeads", false,
            "Also take the instance and cluster heads from the source (same K and feature dimension); by default"
                    + " they start at random.");
    /** Keep the backbone as it is: eval mode, no gradients; only the heads train. */
    public static final Setting<Boolean> FREEZE_BACKBONE = Setting.flag("freezeBackbone", false,
            "Keep the backbone as it is (eval mode, no gradients): only the two heads train, several times faster"
                    + " per step.");
    /** The backbone's learning rate as a fraction of the heads'. */
    public static final Setting<Double> BACKBONE_LR_SCALE = Setting.builder("backboneLrScale", Double.class,
            "The backbone's learning rate is the learning rate times this (fine-tuning gently; 1: the same"
                    + " rate).")
            .defaultValue(1.0).check(v -> v > 0 && v <= 1 && Double.isFinite(v), "in (0, 1]").build();

    /** The group. */
    public static final SettingGroup GROUP = SettingGroup.of("Pretrained backbone", INIT_BACKBONE, INIT_PREFIX,
            INIT_HEADS, FREEZE_BACKBONE, BACKBONE_LR_SCALE);

    private Pretrained() {
    }
}
