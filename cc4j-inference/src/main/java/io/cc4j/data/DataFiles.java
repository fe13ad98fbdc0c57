package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** File checks shared by the readers, each failing with one message that names the path and the problem. */
final class DataFiles {
    private DataFiles() {
    }

    /** Fails unless {@code file} is an existing, readable regular file. */
    static void requireFile(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException("missing file " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidInputException(file + " is not readable (no read permission for this user)");
        }
    }

    /** Fails unless {@code dir} is an existing directory; {@code what} names the expected content. */
    static void requireDirectory(Path dir, String what) {
        if (!Files.exists(dir)) {
            throw new InvalidInputException(what + " directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + " is not a directory (expected the " + what + " directory)");
        }
    }

    /**
     * The directory that holds {@code marker}: {@code dir} itself, or the sub-directory of the official archive
     * (for example {@code cifar-10-batches-bin}) when the user points at the folder the archive was unpacked in.
     */
    static Path locate(Path dir, String what, String marker, String archiveSubdir) {
        requireDirectory(dir, what);
        if (!Files.exists(dir.resolve(marker)) && Files.isDirectory(dir.resolve(archiveSubdir))
                && Files.exists(dir.resolve(archiveSubdir).resolve(marker))) {
            return dir.resolve(archiveSubdir);
        }
        return dir;
    }

    /**
     * Class names from a text file with one name per line (blank lines ignored), or {@code defaults} when the
     * file is absent.
     *
     * @throws InvalidInputException when the file exists but does not hold exactly as many names as defaults
     */
    static List<String> classNames(Path file, List<String> defaults) {
        if (!Files.isRegularFile(file)) {
            return defaults;
        }
        try {
            List<String> names = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (names.size() != defaults.size()) {
                throw new InvalidInputException(file + " lists " + names.size() + " class names, expected "
                        + defaults.size());
            }
            return names;
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Fails unless {@code index} is in {@code [0, size)}. */
    static void checkIndex(int index, int size) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("image index " + index + " out of range [0, " + size + ")");
        }
    }
}
