package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-100 in its binary release ({@code cifar-100-binary}): {@code train.bin} (50,000 images) and
 * {@code test.bin} (10,000). Each record is a coarse label byte (0..19, the 20 superclasses), a fine label
 * byte (0..99) and 3,072 pixel bytes (R, G, B planes of 32x32, row by row).
 *
 * <p>The paper evaluates on the 20 coarse superclasses, so {@link LabelKind#COARSE} is the default.
 */
public final class Cifar100Dataset extends RecordDataset {
    /** Which of the two label bytes to expose. */
    public enum LabelKind {
        /** The 20 superclasses (first label byte). */
        COARSE,
        /** The 100 classes (second label byte). */
        FINE
    }

    /** The 20 standard superclass names, used when {@code coarse_label_names.txt} is absent. */
    public static final List<String> COARSE_NAMES = List.of(
            "aquatic_mammals", "fish", "flowers", "food_containers", "fruit_and_vegetables",
            "household_electrical_devices", "household_furniture", "insects", "large_carnivores",
            "large_man-made_outdoor_things", "large_natural_outdoor_scenes", "large_omnivores_and_herbivores",
            "medium_mammals", "non-insect_invertebrates", "people", "reptiles", "small_mammals", "trees",
            "vehicles_1", "vehicles_2");

    /** The 100 standard class names, used when {@code fine_label_names.txt} is absent. */
    public static final List<String> FINE_NAMES = List.of(
            "apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle",
            "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle",
            "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup", "dinosaur",
            "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house", "kangaroo", "keyboard",
            "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree", "motorcycle",
            "mountain", "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear",
            "pickup_truck", "pine_tree", "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon",
            "ray", "road", "rocket", "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail",
            "snake", "spider", "squirrel", "streetcar", "sunflower", "sweet_pepper", "table", "tank", "telephone",
            "television", "tiger", "tractor", "train", "trout", "tulip", "turtle", "wardrobe", "whale",
            "willow_tree", "wolf", "woman", "worm");

    private static final int RECORD = 2 + 3072;

    private Cifar100Dataset(RecordSequence records, byte[] labels, List<String> names, String description) {
        super(records, Cifar10Dataset.SHAPE, labels, names, description);
    }

    /**
     * Opens a split with coarse (20 superclass) labels, as the paper evaluates.
     *
     * @see #open(Path, Split, LabelKind)
     */
    public static Cifar100Dataset open(Path dir, Split split) {
        return open(dir, split, LabelKind.COARSE);
    }

    /**
     * Opens a split of the binary release.
     *
     * @param dir the {@code cifar-100-binary} directory (or the folder it was unpacked in)
     * @param split which files to read
     * @param kind coarse (20) or fine (100) labels; both label bytes are range-checked either way
     * @throws InvalidInputException naming the file on a missing file, a size that is not a whole number of
     *     records, or a label out of range
     */
    public static Cifar100Dataset open(Path dir, Split split, LabelKind kind) {
        Path root = DataFiles.locate(dir, "CIFAR-100", "test.bin", "cifar-100-binary");
        List<RecordFile> files = new ArrayList<>();
        RecordSequence seq;
        byte[] coarse;
        byte[] fine;
        try {
            if (split != Split.TEST) {
                files.add(RecordFile.map(root.resolve("train.bin"), 0, RECORD));
            }
            if (split != Split.TRAIN) {
                files.add(RecordFile.map(root.resolve("test.bin"), 0, RECORD));
            }
            seq = new RecordSequence(files);
            coarse = seq.readLabels(0, COARSE_NAMES.size(), "CIFAR-100 coarse");
            fine = seq.readLabels(1, FINE_NAMES.size(), "CIFAR-100 fine");
        } catch (RuntimeException e) {
            throw RecordSequence.closing(files, e);
        }
        boolean isCoarse = kind == LabelKind.COARSE;
        List<String> names = isCoarse
                ? DataFiles.classNames(root.resolve("coarse_label_names.txt"), COARSE_NAMES)
                : DataFiles.classNames(root.resolve("fine_label_names.txt"), FINE_NAMES);
        return new Cifar100Dataset(seq, isCoarse ? coarse : fine, names,
                "CIFAR-100 binary, " + split.label() + ", " + (isCoarse ? "20 coarse" : "100 fine") + " labels, "
                        + root + " (" + seq.size() + " images)");
    }

    @Override
    public RawImage image(int index) {
        byte[] px = new byte[Cifar10Dataset.SHAPE.pixelCount()];
        records.read(index, 2, px, 0, px.length);
        return new RawImage(3, 32, 32, px);
    }
}
