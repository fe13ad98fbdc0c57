package io.cc4j.data;

import io.cc4j.InvalidInputException;

/**
 * An image whose header declares more pixels than the decoder allows; thrown before any pixel is decoded, so
 * that a decompression bomb costs a few header bytes. A server answers it with 413.
 */
public final class ImageTooLargeException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final long width;
    private final long height;
    private final long maxPixels;

    ImageTooLargeException(String source, long width, long height, long maxPixels) {
        super(source + ": image of " + width + "x" + height + " = " + width * height + " pixels exceeds the limit of "
                + maxPixels + " pixels (decided from the header; nothing was decoded)");
        this.width = width;
        this.height = height;
        this.maxPixels = maxPixels;
    }

    /** Width the header declares. */
    public long width() {
        return width;
    }

    /** Height the header declares. */
    public long height() {
        return height;
    }

    /** The limit that was exceeded. */
    public long maxPixels() {
        return maxPixels;
    }
}
