package io.cc4j.transform;

/**
 * A rectangle of a source image, in pixels: rows {@code [top, top + height)}, columns
 * {@code [left, left + width)}.
 *
 * @param top first row
 * @param left first column
 * @param height rows
 * @param width columns
 */
public record CropBox(int top, int left, int height, int width) {
    /** The whole of an image of {@code height x width}. */
    public static CropBox whole(int height, int width) {
        return new CropBox(0, 0, height, width);
    }

    /** Area in pixels. */
    public int area() {
        return height * width;
    }
}
