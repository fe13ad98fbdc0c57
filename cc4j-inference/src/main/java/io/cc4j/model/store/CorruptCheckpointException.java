package io.cc4j.model.store;

import io.cc4j.InvalidInputException;

/**
 * A checkpoint file whose content is damaged: truncated, altered (checksum mismatch), not a checkpoint, or with a
 * header that does not parse. Unlike a file that cannot be read at the moment (permissions, an I/O error) or one
 * written by a newer cc4j, such a file will never load, so resuming moves it aside and falls back to an older one.
 */
public class CorruptCheckpointException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file */
    public CorruptCheckpointException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file
     * @param cause the underlying error
     */
    public CorruptCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
