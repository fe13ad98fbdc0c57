package io.cc4j.data;

/**
 * What an image header says, read without decoding pixels.
 *
 * @param format the encoded format
 * @param width columns of the image {@link ImageDecoder#decode(java.nio.file.Path)} returns (after EXIF
 *     orientation when the decoder applies it)
 * @param height rows of that image
 */
public record ImageInfo(ImageFormat format, int width, int height) {
}
