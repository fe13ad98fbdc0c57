package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST (Zalando, 28x28 grayscale, 10 classes): cc4j's embedded default dataset, not one of the
 * paper's. The Debian package {@code dataset-fashion-mnist} installs it as IDX gzip files in
 * {@code /usr/share/datasets/fashion-mnist}: {@code train-images-idx3-ubyte.gz} (60,000),
 * {@code t10k-images-idx3-ubyte.gz} (10,000) and the matching {@code *-labels-idx1-ubyte.gz}. Uncompressed
 * copies (same names without {@code .gz}) work too.
 */
public final class FashionMnist {
    /** The ten class names, indexed by label. */
    public static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Where the Debian package installs the files. */
    public static final Path SYSTEM_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnist() {
    }

    /**
     * The first directory holding the Fashion-MNIST files: {@link #SYSTEM_DIRECTORY}, else the package unpacked
     * without root under {@code ${XDG_CACHE_HOME:-~/.cache}/cc4j/fashion-mnist} (that is,
     * {@code .../cc4j/fashion-mnist/usr/share/datasets/fashion-mnist}).
     *
     * @return the directory, or empty when neither location has the training images
     */
    public static Optional<Path> defaultDirectory() {
        return firstComplete(candidateDirectories());
    }

    /** The first of {@code candidates} that holds the training images. */
    static Optional<Path> firstComplete(List<Path> candidates) {
        return candidates.stream().filter(FashionMnist::looksComplete).findFirst();
    }

    /** The locations {@link #defaultDirectory()} checks, in order. */
    public static List<Path> candidateDirectories() {
        return List.of(SYSTEM_DIRECTORY, cacheDirectory().resolve("usr/share/datasets/fashion-mnist"));
    }

    /** {@code ${XDG_CACHE_HOME:-~/.cache}/cc4j/fashion-mnist}: where a non-root install unpacks the package. */
    public static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        return cache.resolve("cc4j").resolve("fashion-mnist");
    }

    /**
     * Opens a split; {@link Split#TRAIN_AND_TEST} joins train (first) and t10k into 70,000 images.
     *
     * @param dir the directory holding the IDX files
     * @throws InvalidInputException naming the file on a missing file or any IDX format problem
     */
    public static IdxDataset open(Path dir, Split split) {
        DataFiles.requireDirectory(dir, "Fashion-MNIST");
        List<IdxDataset.FilePair> pairs = new ArrayList<>();
        if (split != Split.TEST) {
            pairs.add(pair(dir, "train"));
        }
        if (split != Split.TRAIN) {
            pairs.add(pair(dir, "t10k"));
        }
        return IdxDataset.open(pairs, CLASS_NAMES, "Fashion-MNIST, " + split.label() + ", " + dir);
    }

    private static IdxDataset.FilePair pair(Path dir, String prefix) {
        return new IdxDataset.FilePair(find(dir, prefix + "-images-idx3-ubyte"), find(dir, prefix + "-labels-idx1-ubyte"));
    }

    /** The gzip file when present, else the plain one (whose absence the IDX reader reports). */
    private static Path find(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        return Files.exists(gz) || !Files.exists(dir.resolve(base)) ? gz : dir.resolve(base);
    }

    private static boolean looksComplete(Path dir) {
        return Files.isRegularFile(find(dir, "train-images-idx3-ubyte"));
    }
}
