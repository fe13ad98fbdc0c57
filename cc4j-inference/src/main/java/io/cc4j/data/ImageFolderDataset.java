package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images in a directory tree (PNG, JPEG, BMP, GIF), decoded by an {@link ImageDecoder} to the 3-channel RGB
 * PIL's {@code convert("RGB")} gives.
 *
 * <ul>
 *   <li>Labelled layout: one first-level sub-folder per class; every image anywhere below it gets that
 *       class. Class names are the sub-folder names in sorted order (ImageNet-10 / ImageNet-Dogs'
 *       {@code <wnid>/*.JPEG}, and Tiny-ImageNet's {@code train/<wnid>/images/*.JPEG} when opened at
 *       {@code train}).</li>
 *   <li>Flat layout: images directly in the folder and no sub-folder with images; {@link #hasLabels()} is
 *       false.</li>
 * </ul>
 *
 * <p>Opening reads every file's header in parallel ({@link ImageDecoder#probe(Path)}, no pixels), to learn the
 * sizes and to find unreadable files early: files that are damaged, not an image, or larger than the decoder's
 * pixel limit (a decompression bomb is never decoded) are skipped with a warning listing them, or, in strict
 * mode, rejected. Images may differ in size, in which case {@link #shape()} is empty. Hidden files and folders
 * (name starting with a dot) are ignored.
 */
public final class ImageFolderDataset extends AbstractLabelledDataset {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderDataset.class);
    private static final int LISTED = 20;

    private final Path root;
    private final Path[] files;
    private final ImageShape shape;
    private final List<Path> skipped;
    private final ImageDecoder decoder;

    private ImageFolderDataset(Path root, Path[] files, int[] labels, List<String> classNames, ImageShape shape,
            List<Path> skipped, ImageDecoder decoder) {
        super(labels, classNames, "image folder " + root + " (" + files.length + " images"
                + (labels == null ? ", unlabelled" : ", " + classNames.size() + " classes") + ")",
                "image folder " + root + " has no class sub-folders");
        this.decoder = decoder;
        this.root = root;
        this.files = files;
        this.shape = shape;
        this.skipped = skipped;
    }

    /** Opens {@code dir}, skipping unreadable images with a warning. */
    public static ImageFolderDataset open(Path dir) {
        return open(dir, false);
    }

    /**
     * Opens {@code dir} with the {@linkplain ImageDecoder#standard() standard decoder}.
     *
     * @param strict when true an unreadable image fails the open instead of being skipped
     * @throws InvalidInputException when the folder is missing or holds no images, when no image is readable,
     *     or (strict) when any image is unreadable; the message names the files
     */
    public static ImageFolderDataset open(Path dir, boolean strict) {
        return open(dir, strict, ImageDecoder.standard());
    }

    /**
     * Opens {@code dir}, reading its images with {@code decoder} (its pixel limit and EXIF option).
     *
     * @param strict when true an unreadable or oversized image fails the open instead of being skipped
     * @throws InvalidInputException when the folder is missing or holds no images, when no image is readable,
     *     or (strict) when any image is unreadable; the message names the files
     */
    public static ImageFolderDataset open(Path dir, boolean strict, ImageDecoder decoder) {
        DataFiles.requireDirectory(dir, "image");
        List<Path> topImages = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        List<List<Path>> perClass = new ArrayList<>();
        for (Path entry : list(dir)) {
            if (Files.isDirectory(entry)) {
                List<Path> images = walk(entry);
                if (images.isEmpty()) {
                    LOG.warn("ignoring folder {}: it holds no images", entry);
                } else {
                    classes.add(entry.getFileName().toString());
                    perClass.add(images);
                }
            } else if (ImageFiles.isImageName(entry.getFileName().toString())) {
                topImages.add(entry);
            }
        }
        boolean labelled = !classes.isEmpty();
        List<Path> candidates = new ArrayList<>();
        List<Integer> candidateLabels = new ArrayList<>();
        if (labelled) {
            if (!topImages.isEmpty()) {
                LOG.warn("ignoring {} image(s) directly in {}: with class sub-folders only their images are used",
                        topImages.size(), dir);
            }
            for (int c = 0; c < classes.size(); c++) {
                for (Path p : perClass.get(c)) {
                    candidates.add(p);
                    candidateLabels.add(c);
                }
            }
        } else {
            candidates.addAll(topImages);
        }
        if (candidates.isEmpty()) {
            throw new InvalidInputException("image folder " + dir + " is empty: no images (" + String.join(", ",
                    ImageFiles.EXTENSIONS.stream().sorted().toList()) + ") in it or its sub-folders");
        }
        return scan(dir, candidates, labelled ? candidateLabels : null, classes, strict, decoder);
    }

    private static ImageFolderDataset scan(Path dir, List<Path> candidates, List<Integer> candidateLabels,
            List<String> classes, boolean strict, ImageDecoder decoder) {
        int n = candidates.size();
        ImageInfo[] sizes = new ImageInfo[n];
        String[] errors = new String[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            try {
                sizes[i] = decoder.probe(candidates.get(i));
            } catch (InvalidInputException e) {
                errors[i] = reason(candidates.get(i), e);
            }
        });
        List<Path> kept = new ArrayList<>(n);
        List<Integer> keptLabels = new ArrayList<>(n);
        List<String> bad = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        ImageInfo first = null;
        boolean uniform = true;
        for (int i = 0; i < n; i++) {
            if (errors[i] != null) {
                bad.add(candidates.get(i) + " (" + errors[i] + ")");
                skipped.add(candidates.get(i));
                continue;
            }
            kept.add(candidates.get(i));
            if (candidateLabels != null) {
                keptLabels.add(candidateLabels.get(i));
            }
            if (first == null) {
                first = sizes[i];
            } else if (first.width() != sizes[i].width() || first.height() != sizes[i].height()) {
                uniform = false;
            }
        }
        if (!bad.isEmpty()) {
            String listing = listing(bad);
            if (strict || kept.isEmpty()) {
                throw new InvalidInputException((kept.isEmpty() ? "no readable image in " : "unreadable images in ")
                        + dir + " (" + bad.size() + " of " + n + "): " + listing);
            }
            LOG.warn("skipping {} unreadable image(s) of {} in {}: {}", bad.size(), n, dir, listing);
        }
        int[] labels = candidateLabels == null ? null : keptLabels.stream().mapToInt(Integer::intValue).toArray();
        ImageShape shape = uniform ? new ImageShape(3, first.height(), first.width()) : null;
        return new ImageFolderDataset(dir, kept.toArray(new Path[0]), labels,
                candidateLabels == null ? List.of() : List.copyOf(classes), shape, List.copyOf(skipped), decoder);
    }

    /** The decoder's message without its "cannot decode image FILE: " lead, since the listing names the file. */
    private static String reason(Path file, InvalidInputException e) {
        String m = String.valueOf(e.getMessage());
        String lead = file + ": ";
        int at = m.indexOf(lead);
        return at >= 0 ? m.substring(at + lead.length()) : m;
    }

    private static String listing(List<String> bad) {
        String head = String.join(", ", bad.subList(0, Math.min(LISTED, bad.size())));
        return bad.size() > LISTED ? head + " and " + (bad.size() - LISTED) + " more" : head;
    }

    /** Non-hidden entries of {@code dir}, sorted by name so labels and order never depend on the file system. */
    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException("cannot list " + dir + ": " + ImageDecoder.reason(e), e);
        }
    }

    /** Image files anywhere below {@code dir} (following links, skipping hidden names), sorted by path. */
    private static List<Path> walk(Path dir) {
        try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(p -> !hidden(dir, p) && ImageFiles.isImageName(p.getFileName().toString())
                    && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean hidden(Path base, Path p) {
        for (Path part : base.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The folder this dataset reads. */
    public Path root() {
        return root;
    }

    /** Files skipped at open because they could not be read (empty in strict mode). */
    public List<Path> skipped() {
        return skipped;
    }

    /** Path of image {@code index}. */
    public Path path(int index) {
        DataFiles.checkIndex(index, files.length);
        return files[index];
    }

    @Override
    public int size() {
        return files.length;
    }

    @Override
    public Optional<ImageShape> shape() {
        return Optional.ofNullable(shape);
    }

    @Override
    public int channels() {
        return 3;
    }

    /** The decoder that reads the images. */
    public ImageDecoder decoder() {
        return decoder;
    }

    /**
     * Decodes image {@code index} to RGB.
     *
     * @throws InvalidInputException naming the file when it passed the header check but its data is damaged
     */
    @Override
    public RawImage image(int index) {
        return decoder.decode(path(index));
    }

    /** The file path relative to the folder, with {@code /} separators. */
    @Override
    public String id(int index) {
        return root.relativize(path(index)).toString().replace('\\', '/');
    }
}
