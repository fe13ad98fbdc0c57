package io.cc4j.data;

import java.io.IOException;
import javax.imageio.ImageReader;

/**
 * What a format's header says, read from the first bytes without decoding pixels, and how that format's decoded
 * samples become PIL's RGB. One record per format.
 */
sealed interface ImageHeader permits PngHeader, JpegHeader, GifHeader, BmpHeader {
    /** The format. */
    ImageFormat format();

    /** Width of the image PIL opens (for GIF the canvas), before EXIF orientation. */
    long width();

    /** Height of the image PIL opens, before EXIF orientation. */
    long height();

    /** The EXIF orientation the header declares, 1 when none. */
    default int orientation() {
        return ExifOrientation.NORMAL;
    }

    /**
     * Decodes image 0 with {@code reader} (its input set to the start of the data) to planar RGB, upright as
     * stored.
     *
     * @param source names the image in messages
     */
    RawImage decode(ImageReader reader, String source) throws IOException;

    /** Called by the header readers as soon as they know the size, before reading further. */
    @FunctionalInterface
    interface SizeCheck {
        /** Throws {@link ImageTooLargeException} when {@code width * height} exceeds the limit. */
        void check(long width, long height);
    }
}
