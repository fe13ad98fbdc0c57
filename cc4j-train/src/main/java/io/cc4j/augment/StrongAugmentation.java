package io.cc4j.augment;

import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;
import java.util.EnumSet;
import java.util.Set;

/**
 * The settings of TCL's strong view ({@link StrongAugmentConfig}): the output size and flip (the same settings as
 * {@link Augmentation}'s), the {@link StrongOp}s that may be drawn and how many per image, and the cutout hole.
 * With TCL's defaults; in a boost run's JSON they sit in the object {@code strong}.
 */
public final class StrongAugmentation {
    /** TCL's operations per image. */
    public static final int TCL_OPS_PER_IMAGE = 4;
    /** Largest accepted operations per image. */
    public static final int MAX_OPS_PER_IMAGE = 16;

    /** The operations that may be drawn; switching one off removes it from the draw. */
    public static final Setting<Set<StrongOp>> OPS = Setting.setOf("ops", StrongOp.class, EnumSet.allOf(StrongOp.class),
            "The operations that may be drawn.");
    /** Operations drawn per image, with replacement. */
    public static final Setting<Integer> OPS_PER_IMAGE = Setting.builder("opsPerImage", Integer.class,
            "Operations drawn per image, with replacement.").key("opsPerImage").defaultValue(TCL_OPS_PER_IMAGE)
            .check(v -> v >= 0 && v <= MAX_OPS_PER_IMAGE, "in 0.." + MAX_OPS_PER_IMAGE).build();
    /** The cutout hole. */
    public static final Setting<Boolean> CUTOUT = Setting.flag("cutout", true, "One cutout hole per image.");
    /** Largest hole side for a 224-pixel image, scaled to the size. */
    public static final Setting<Integer> CUTOUT_LENGTH = Setting.builder("cutoutLength", Integer.class,
            "Largest hole side for a 224-pixel image, scaled to the size.").key("cutoutLength")
            .defaultValue(Cutout.TCL_LENGTH).check(v -> v >= 1 && v <= Cutout.TCL_SIZE, "in 1.." + Cutout.TCL_SIZE)
            .build();
    /** Colour of the hole: the normalisation mean TCL's zero hole stands for. */
    public static final Setting<StrongAugmentConfig.Fill> CUTOUT_FILL = Setting.builder("cutoutFill",
            StrongAugmentConfig.Fill.class, "Colour of the hole: the normalisation mean TCL's zero hole stands for.")
            .key("cutoutFill").defaultValue(StrongAugmentConfig.IMAGENET_MEAN).build();

    /** The group, in the object {@code strong} of a boost run's JSON. */
    public static final SettingGroup GROUP = SettingGroup.nested("strong", "Strong view", Augmentation.SIZE,
            Augmentation.FLIP, OPS, OPS_PER_IMAGE, CUTOUT, CUTOUT_LENGTH, CUTOUT_FILL);

    private StrongAugmentation() {
    }
}
