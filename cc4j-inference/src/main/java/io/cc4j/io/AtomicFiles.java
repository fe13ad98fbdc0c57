package io.cc4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files so that a crash, a kill or a full disk never leaves a half-written file under the final name:
 * the content goes to a temporary file in the same directory, is forced to disk, and is then renamed over
 * the target in one atomic step. What was there before stays intact until the rename.
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {
    }

    /** Writes the content produced by {@code writer}, in one piece or not at all. */
    @FunctionalInterface
    public interface StreamWriter {
        /**
         * @param out stream to the temporary file; do not close it
         * @throws IOException on write failure
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Atomically replaces {@code target} with what {@code writer} writes.
     *
     * @param target final file; its parent directories are created
     * @param writer produces the content
     * @throws CannotWriteException naming the file when it cannot be written (a full disk, a read-only file
     *     system, missing permission); what was there before is intact
     */
    public static void write(Path target, StreamWriter writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            keepUsualPermissions(tmp, target);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new CannotWriteException(target, "cannot write " + target + ": " + describe(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary name never shadows the real file
                }
            }
        }
    }

    /** Atomically replaces {@code target} with UTF-8 {@code text}. */
    public static void writeString(Path target, String text) {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Temporary files are created owner-only; the final file should be as readable as any other output
     * (rw-r--r--), or keep the permissions of the file it replaces.
     */
    private static void keepUsualPermissions(Path tmp, Path target) throws IOException {
        if (!tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                ? Files.getPosixFilePermissions(target)
                : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(tmp, perms);
    }

    private static void syncDirectory(Path dir) {
        // Makes the rename itself durable; not supported everywhere, so failures are ignored.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // directory fsync is an extra guarantee, not a requirement
        }
    }

    /**
     * Deletes the temporary files that a process killed while writing left behind in {@code dir} (they never shadow
     * the real files, but they take space). A failure to list or delete stops the clean-up with a warning.
     *
     * @param dir the directory; nothing happens when it does not exist
     * @param temporaries the names of the temporary files to remove
     * @return how many were deleted
     */
    public static int removeTemporaries(Path dir, Pattern temporaries) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> temporaries.matcher(p.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(p);
                removed++;
            }
        } catch (IOException e) {
            LOG.warn("could not remove temporary files in {}: {}", dir, e.getMessage());
        }
        return removed;
    }

    /**
     * A short reason for a failed write, without the Java class names: "no space left on device", "permission
     * denied on DIR", "read-only file system".
     *
     * @param e the failure
     * @return the reason
     */
    public static String describe(IOException e) {
        String m = e.getMessage();
        if (m != null && m.contains("No space left")) {
            return "no space left on device";
        }
        if (m != null && m.contains("Disk quota exceeded")) {
            return "disk quota exceeded";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return "permission denied" + (a.getFile() == null ? "" : " on " + a.getFile());
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT) + (f.getFile() == null ? "" : " (" + f.getFile()
                    + ")");
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file or directory: " + n.getFile();
        }
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
