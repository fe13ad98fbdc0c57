package io.cc4j.io;

import io.cc4j.InvalidInputException;
import java.nio.file.Path;

/**
 * An output could not be written: the disk is full, the file system is read-only, or permission is missing. The
 * message names the path and the reason; nothing half-written is left under the final name. A subclass of
 * {@link InvalidInputException} because, like bad input, it is the user's to fix (free space, choose another
 * directory), not a fault of cc4j; the command line tells it apart with its own exit code (3).
 */
public class CannotWriteException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * @param path the file or directory that could not be written
     * @param message the message, naming the path
     * @param cause the I/O failure
     */
    public CannotWriteException(Path path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** @return the file or directory that could not be written */
    public Path path() {
        return path;
    }
}
