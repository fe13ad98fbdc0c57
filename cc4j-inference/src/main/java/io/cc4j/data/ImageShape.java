package io.cc4j.data;

/**
 * Shape of the images of a dataset whose images all share one size.
 *
 * @param channels 1 or 3
 * @param height rows
 * @param width columns
 */
public record ImageShape(int channels, int height, int width) {
    /** Bytes of one image in CHW order. */
    public int pixelCount() {
        return channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
