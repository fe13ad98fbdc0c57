package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A dataset named by one string, {@code KIND:ARGUMENT}, as every cc4j command accepts it:
 *
 * <pre>
 * cifar10:DIR            CIFAR-10 train+test (60,000, as the paper)   cifar10-train:DIR, cifar10-test:DIR
 * cifar100:DIR           CIFAR-100 train+test, 20 coarse labels        cifar100-train:DIR, cifar100-test:DIR
 * cifar100-fine:DIR      CIFAR-100 train+test, 100 fine labels         cifar100-fine-train:DIR, -fine-test
 * stl10:DIR              STL-10 train+test (13,000 labelled)           stl10-train:DIR, stl10-test:DIR
 * stl10-unlabeled:DIR    STL-10's 100,000 unlabeled images
 * idx:IMAGES[,LABELS]    an IDX images file (MNIST format), optional labels file; plain or gzip
 * fashion-mnist[:DIR]    Fashion-MNIST train+t10k (70,000)             fashion-mnist-train, fashion-mnist-test
 * folder:DIR             image folders, one sub-folder per class, or a flat unlabelled folder
 * </pre>
 *
 * <p>Without a directory, the Fashion-MNIST kinds use {@link FashionMnist#defaultDirectory()}. Parsing only
 * checks the syntax; {@link #open()} reads the files.
 *
 * <p>A labelled spec may end in {@code @classes=LIST} to keep only the images of some classes, labels and class names
 * unchanged ({@link ClassSubsetDataset}): labels, ranges and class names separated by commas, e.g.
 * {@code fashion-mnist-train@classes=0-4} or {@code folder:photos@classes=cat,dog}.
 */
public final class DatasetSpec {
    private record Kind(String help, Opener opener, boolean needsArgument) {
    }

    @FunctionalInterface
    private interface Opener {
        ImageDataset open(String argument, boolean strict, ImageDecoder decoder);
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        for (Split s : Split.values()) {
            String suffix = suffix(s);
            KINDS.put("cifar10" + suffix, new Kind("CIFAR-10 binary, " + s.label(),
                    (a, strict, decoder) -> Cifar10Dataset.open(Path.of(a), s), true));
            KINDS.put("cifar100" + suffix, new Kind("CIFAR-100 binary, " + s.label() + ", 20 coarse labels",
                    (a, strict, decoder) -> Cifar100Dataset.open(Path.of(a), s, Cifar100Dataset.LabelKind.COARSE),
                    true));
            KINDS.put("cifar100-fine" + suffix, new Kind("CIFAR-100 binary, " + s.label() + ", 100 fine labels",
                    (a, strict, decoder) -> Cifar100Dataset.open(Path.of(a), s, Cifar100Dataset.LabelKind.FINE), true));
            KINDS.put("stl10" + suffix, new Kind("STL-10 binary, " + s.label(),
                    (a, strict, decoder) -> Stl10Dataset.open(Path.of(a), s), true));
            KINDS.put("fashion-mnist" + suffix, new Kind("Fashion-MNIST IDX files, " + s.label()
                    + " (default directory when omitted)",
                    (a, strict, decoder) -> FashionMnist.open(fashionDir(a), s), false));
        }
        KINDS.put("stl10-unlabeled", new Kind("STL-10 binary, 100,000 unlabeled images",
                (a, strict, decoder) -> Stl10Dataset.openUnlabeled(Path.of(a)), true));
        KINDS.put("idx", new Kind("IDX images file, optional labels file: idx:IMAGES[,LABELS]",
                DatasetSpec::openIdx, true));
        KINDS.put("folder", new Kind("image folder: one sub-folder per class, or flat and unlabelled",
                (a, strict, decoder) -> ImageFolderDataset.open(Path.of(a), strict, decoder), true));
    }

    /** What introduces a class filter at the end of a spec. */
    public static final String CLASSES = "@classes=";

    private final String kind;
    private final String argument;
    private final String classes;

    private DatasetSpec(String kind, String argument, String classes) {
        this.kind = kind;
        this.argument = argument;
        this.classes = classes;
    }

    /**
     * Parses {@code KIND:ARGUMENT} (the kind is case-insensitive).
     *
     * @throws InvalidInputException naming the spec and listing the known kinds when the kind is unknown or the
     *     required argument is missing
     */
    public static DatasetSpec parse(String spec) {
        Objects.requireNonNull(spec, "spec");
        String text = spec.strip();
        String classes = null;
        int filter = text.lastIndexOf(CLASSES);
        if (filter >= 0) {
            classes = text.substring(filter + CLASSES.length()).strip();
            text = text.substring(0, filter).strip();
            if (classes.isEmpty()) {
                throw new InvalidInputException("dataset spec '" + spec + "' has an empty class list: write "
                        + CLASSES + "LIST, e.g. " + CLASSES + "0-4 or " + CLASSES + "sneaker,bag");
            }
        }
        int colon = text.indexOf(':');
        String kind = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
        String argument = colon < 0 ? "" : text.substring(colon + 1).strip();
        Kind k = KINDS.get(kind);
        if (k == null) {
            throw new InvalidInputException("unknown dataset kind in spec '" + spec + "'; known kinds: "
                    + String.join(", ", KINDS.keySet()) + " (write KIND:PATH, e.g. cifar10:/data/cifar-10-batches-bin)");
        }
        if (k.needsArgument() && argument.isEmpty()) {
            throw new InvalidInputException("dataset spec '" + spec + "' needs a path: " + kind
                    + (kind.equals("idx") ? ":IMAGES_FILE[,LABELS_FILE]" : ":DIR"));
        }
        return new DatasetSpec(kind, argument, classes);
    }

    /**
     * Parses and opens {@code spec} in one step (folders skip unreadable images with a warning).
     *
     * @throws InvalidInputException on a bad spec or bad files
     */
    public static ImageDataset open(String spec) {
        return parse(spec).open();
    }

    /**
     * Opens several specs and joins them in order (one spec: that dataset itself).
     *
     * @param specs dataset specs
     * @return the joined dataset
     * @throws InvalidInputException on an empty list, a bad spec or bad files
     */
    public static ImageDataset openAll(java.util.List<String> specs) {
        return openAll(specs, false, ImageDecoder.standard());
    }

    /**
     * Opens several specs and joins them in order (one spec: that dataset itself); image folders are read with
     * {@code decoder}. When one fails, those already open are closed.
     *
     * @param specs dataset specs
     * @param strict for folders: fail on an unreadable image instead of skipping it
     * @param decoder decodes folder images (its pixel limit)
     * @return the joined dataset; closing it closes every part
     * @throws InvalidInputException on an empty list, a bad spec or bad files
     */
    public static ImageDataset openAll(java.util.List<String> specs, boolean strict, ImageDecoder decoder) {
        if (specs.isEmpty()) {
            throw new InvalidInputException("no dataset spec given");
        }
        java.util.List<DatasetSpec> parsed = specs.stream().map(DatasetSpec::parse).toList();
        java.util.List<ImageDataset> sets = new java.util.ArrayList<>();
        try {
            for (DatasetSpec s : parsed) {
                sets.add(s.open(strict, decoder));
            }
            return sets.size() == 1 ? sets.get(0) : ConcatDataset.of(sets);
        } catch (RuntimeException e) {
            sets.forEach(ImageDataset::close);
            throw e;
        }
    }

    /** The known kinds with a one-line description each, in a stable order (for help texts). */
    public static Map<String, String> knownKinds() {
        Map<String, String> out = new LinkedHashMap<>();
        KINDS.forEach((name, k) -> out.put(name, k.help()));
        return out;
    }

    /** The kind, lower case (for example {@code cifar10-train}). */
    public String kind() {
        return kind;
    }

    /** The text after the colon (a path, or {@code IMAGES,LABELS} for idx); empty when omitted. */
    public String argument() {
        return argument;
    }

    /** The class list after {@value #CLASSES}, if the spec keeps only some classes. */
    public java.util.Optional<String> classes() {
        return java.util.Optional.ofNullable(classes);
    }

    /** Opens the dataset, skipping unreadable images of folders with a warning. */
    public ImageDataset open() {
        return open(false);
    }

    /**
     * Opens the dataset.
     *
     * @param strict for folders: fail on an unreadable image instead of skipping it (other kinds always fail)
     * @throws InvalidInputException naming the file and the problem on any bad input
     */
    public ImageDataset open(boolean strict) {
        return open(strict, ImageDecoder.standard());
    }

    /**
     * Opens the dataset, decoding image folders with {@code decoder} (its pixel limit and EXIF option).
     *
     * @param strict for folders: fail on an unreadable image instead of skipping it (other kinds always fail)
     * @throws InvalidInputException naming the file and the problem on any bad input
     */
    public ImageDataset open(boolean strict, ImageDecoder decoder) {
        ImageDataset all = KINDS.get(kind).opener().open(argument, strict, Objects.requireNonNull(decoder, "decoder"));
        return classes == null ? all : ClassSubsetDataset.of(all, classes);
    }

    /**
     * The spec string, {@code KIND:ARGUMENT} (or just {@code KIND} when the argument was omitted), with its
     * {@value #CLASSES} filter if any.
     */
    @Override
    public String toString() {
        return (argument.isEmpty() ? kind : kind + ":" + argument) + (classes == null ? "" : CLASSES + classes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetSpec s && s.kind.equals(kind) && s.argument.equals(argument)
                && Objects.equals(s.classes, classes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, argument, classes);
    }

    private static String suffix(Split s) {
        return switch (s) {
            case TRAIN -> "-train";
            case TEST -> "-test";
            case TRAIN_AND_TEST -> "";
        };
    }

    private static ImageDataset openIdx(String argument, boolean strict, ImageDecoder decoder) {
        List<String> parts = List.of(argument.split(",", -1));
        if (parts.size() > 2 || parts.stream().anyMatch(p -> p.isBlank())) {
            throw new InvalidInputException("bad idx spec 'idx:" + argument + "': write idx:IMAGES_FILE[,LABELS_FILE]");
        }
        return IdxDataset.open(Path.of(parts.get(0).strip()), parts.size() == 2 ? Path.of(parts.get(1).strip()) : null);
    }

    private static Path fashionDir(String argument) {
        if (!argument.isEmpty()) {
            return Path.of(argument);
        }
        return FashionMnist.defaultDirectory().orElseThrow(() -> new InvalidInputException(
                "Fashion-MNIST not found in " + FashionMnist.candidateDirectories().stream().map(Path::toString)
                        .collect(Collectors.joining(" or ")) + "; install the Debian package dataset-fashion-mnist"
                        + " or give the directory: fashion-mnist:DIR"));
    }
}
