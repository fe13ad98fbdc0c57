package io.cc4j.data;

import java.util.Objects;

/**
 * One decoded image as unsigned bytes in planar CHW order: all of channel 0 row by row, then channel 1, ...
 *
 * <p>Planar order is what the network consumes, so augmentations and tensor conversion need no reshuffle.
 *
 * @param channels 1 (grayscale) or 3 (RGB)
 * @param height rows
 * @param width columns
 * @param pixels {@code channels * height * width} bytes, read as unsigned 0..255
 */
public record RawImage(int channels, int height, int width, byte[] pixels) {
    /** Checks that the buffer matches the shape. */
    public RawImage {
        Objects.requireNonNull(pixels, "pixels");
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("bad image shape " + channels + "x" + height + "x" + width);
        }
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException("pixel buffer has " + pixels.length + " bytes, shape "
                    + channels + "x" + height + "x" + width + " needs " + channels * height * width);
        }
    }

    /** Unsigned value of channel {@code c}, row {@code y}, column {@code x}. */
    public int get(int c, int y, int x) {
        return pixels[(c * height + y) * width + x] & 0xFF;
    }
}
