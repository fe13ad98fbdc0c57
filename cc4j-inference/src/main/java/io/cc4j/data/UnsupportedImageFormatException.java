package io.cc4j.data;

import io.cc4j.InvalidInputException;

/** Data that is none of the {@link ImageFormat}s the decoder reads. A server answers it with 415. */
public final class UnsupportedImageFormatException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    UnsupportedImageFormatException(String message) {
        super(message);
    }
}
