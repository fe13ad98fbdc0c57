package io.cc4j.spark.data;

import io.cc4j.InvalidInputException;
import io.cc4j.data.RawImage;
import org.apache.spark.ml.image.ImageSchema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Converts between Spark's image schema ({@code spark.read.format("image")}) and cc4j's {@link RawImage}.
 *
 * <p>Spark's layout is OpenCV's: the bytes run row by row, each pixel's channels together (HWC), colour in
 * <b>BGR</b> order ({@code nChannels} 3, mode {@code CV_8UC3} = 16) or BGRA (4, {@code CV_8UC4} = 24), grey as one
 * channel (1, {@code CV_8UC1} = 0). cc4j's is planar RGB (CHW). A grey image stays grey and an alpha channel is
 * dropped, as cc4j's decoder does (PIL's {@code convert("RGB")} on RGBA ignores alpha too).
 *
 * <p>Spark decodes with ImageIO's {@code getRGB} (sRGB, no EXIF orientation, 16-bit grey cut to its low byte), not
 * with cc4j's PIL-exact decoder: for pixels identical to {@code cc4j cluster}, read files with {@code binaryFile}
 * and let {@link io.cc4j.data.ImageDecoder} decode the bytes.
 */
public final class SparkImages {
    /** OpenCV's type codes for 8-bit images with 1, 3 and 4 channels, as Spark writes them. */
    static final int CV_8UC1 = 0;
    static final int CV_8UC3 = 16;
    static final int CV_8UC4 = 24;

    private SparkImages() {
    }

    /** @return Spark's image struct type (origin, height, width, nChannels, mode, data) */
    public static StructType schema() {
        return ImageSchema.columnSchema();
    }

    /**
     * Reads one value of an image column.
     *
     * @param image a struct in Spark's image schema, possibly null
     * @return the image as planar RGB (or grey)
     * @throws InvalidInputException for a null or invalid row (Spark's reader marks undecodable files with mode
     *     -1), a size that does not match the data, or an unsupported channel count
     */
    public static RawImage toRawImage(Row image) {
        if (image == null) {
            throw new InvalidInputException("no image (null)");
        }
        String origin = image.isNullAt(0) ? "image" : image.getString(0);
        int height = image.getInt(1);
        int width = image.getInt(2);
        int channels = image.getInt(3);
        int mode = image.getInt(4);
        byte[] data = image.isNullAt(5) ? null : (byte[]) image.get(5);
        if (mode == -1 || height < 1 || width < 1 || channels < 1 || data == null) {
            throw new InvalidInputException("Spark could not decode " + origin + " (an invalid image row: mode "
                    + mode + ", " + width + "x" + height + ")");
        }
        int expectedMode = switch (channels) {
            case 1 -> CV_8UC1;
            case 3 -> CV_8UC3;
            case 4 -> CV_8UC4;
            default -> throw new InvalidInputException(origin + ": " + channels
                    + " channels are not supported (1, 3 or 4)");
        };
        if (mode != expectedMode) {
            throw new InvalidInputException(origin + ": image mode " + mode + " is not 8-bit with " + channels
                    + " channels (expected " + expectedMode + ")");
        }
        long pixels = (long) height * width;
        if (data.length != pixels * channels) {
            throw new InvalidInputException(origin + ": " + data.length + " bytes of data for " + width + "x"
                    + height + "x" + channels);
        }
        if (channels == 1) {
            return new RawImage(1, height, width, data.clone());
        }
        int plane = (int) pixels;
        byte[] rgb = new byte[3 * plane];
        for (int i = 0, src = 0; i < plane; i++, src += channels) {
            rgb[i] = data[src + 2];
            rgb[plane + i] = data[src + 1];
            rgb[2 * plane + i] = data[src];
        }
        return new RawImage(3, height, width, rgb);
    }

    /**
     * Writes an image as a value of Spark's image schema (grey as one channel, colour as BGR).
     *
     * @param image planar grey or RGB pixels
     * @param origin the image's name (a path or an index)
     * @return the struct value
     */
    public static Row toRow(RawImage image, String origin) {
        int h = image.height();
        int w = image.width();
        int plane = h * w;
        byte[] p = image.pixels();
        if (image.channels() == 1) {
            return RowFactory.create(origin, h, w, 1, CV_8UC1, p.clone());
        }
        if (image.channels() != 3) {
            throw new IllegalArgumentException("images have 1 or 3 channels, got " + image.channels());
        }
        byte[] bgr = new byte[3 * plane];
        for (int i = 0, dst = 0; i < plane; i++, dst += 3) {
            bgr[dst] = p[2 * plane + i];
            bgr[dst + 1] = p[plane + i];
            bgr[dst + 2] = p[i];
        }
        return RowFactory.create(origin, h, w, 3, CV_8UC3, bgr);
    }
}
