package io.cc4j.train;

import io.cc4j.data.ImageDecoder;
import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;
import java.util.List;

/**
 * What a run trains on and how its images are read: the dataset specs, a seeded subset, the augmentation workers,
 * the largest image decoded, and whether an unreadable image stops the run.
 */
public final class DataLimits {
    /** Dataset specs trained on, joined, e.g. {@code cifar10:DIR}. */
    public static final Setting<List<String>> DATA = Setting.strings("data",
            "Training data specs, joined, e.g. cifar10:DIR, fashion-mnist:DIR, folder:DIR.");
    /** Specs trained with the instance loss alone before each epoch (the paper's STL-10 mode). */
    public static final Setting<List<String>> INSTANCE_ONLY_DATA = Setting.strings("instanceOnlyData",
            "STL-10 mode: each epoch first trains the instance loss alone on this data.");
    /** Train on the first {@code limit} images of a seeded shuffle (0: all). */
    public static final Setting<Integer> LIMIT = Setting.nonNegativeInt("limit", 0,
            "Train on a seeded subset of this many images (0: all).");
    /** Augmentation worker threads (0: all cores). */
    public static final Setting<Integer> WORKERS = Setting.nonNegativeInt("workers", 0,
            "Augmentation threads (0: all cores).");
    /** Image folders: the largest width times height decoded; larger images are refused from their header. */
    public static final Setting<Long> MAX_PIXELS = Setting.positiveLong("maxPixels", ImageDecoder.DEFAULT_MAX_PIXELS,
            "Image folders: refuse images larger than this many pixels (width x height) from their header (a"
                    + " decompression bomb costs a few bytes).");
    /** Fail on an unreadable image instead of skipping it with a warning. */
    public static final Setting<Boolean> STRICT = Setting.flag("strict", false,
            "Fail on an unreadable image (at open, or one that fails to decode during training) instead of skipping"
                    + " it with a warning and counting it in metrics.jsonl (skipped_images).");

    /** The group. */
    public static final SettingGroup GROUP = SettingGroup.of("Data and decoding limits", DATA, INSTANCE_ONLY_DATA,
            LIMIT, WORKERS, MAX_PIXELS, STRICT);

    private DataLimits() {
    }
}
