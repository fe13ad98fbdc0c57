package io.cc4j;

/**
 * Bad input from the user: a missing or corrupt file, a wrong size, an option out of range.
 *
 * <p>The message always names the file or value at fault. The command-line tool maps this exception
 * to exit code 2; anything else that escapes is an internal failure (exit code 1).
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the file or value */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file or value
     * @param cause the underlying error
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
