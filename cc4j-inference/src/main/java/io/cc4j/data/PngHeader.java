package io.cc4j.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import javax.imageio.IIOException;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A PNG's IHDR, and its PLTE when the image is indexed.
 *
 * <p>The palette is read here because ImageIO pads a short PLTE with copies or zeros, while PIL shows the missing
 * entries as grey; and the colour type decides what 16-bit grey becomes.
 *
 * @param width columns
 * @param height rows
 * @param bitDepth bits per sample
 * @param colourType 0 grey, 2 RGB, 3 indexed, 4 grey + alpha, 6 RGBA
 * @param palette the PLTE entries of an indexed image, else null
 * @param orientation the EXIF orientation of an eXIf chunk, 1 when none (or not looked for)
 */
record PngHeader(long width, long height, int bitDepth, int colourType, Palette palette, int orientation)
        implements ImageHeader {
    /** Chunks walked at most (IDAT chunks are at least 12 bytes; real files have a few hundred). */
    private static final int MAX_CHUNKS = 1 << 20;

    /**
     * @param exif whether to look for an eXIf chunk, which may follow the image data: PIL's
     *     {@code exif_transpose} reads it wherever it is
     */
    static PngHeader read(ImageInputStream in, SizeCheck sizeCheck, boolean exif) throws IOException {
        in.setByteOrder(ByteOrder.BIG_ENDIAN);
        in.skipBytes(8); // signature, checked by the caller
        if (in.readUnsignedInt() != 13 || in.readInt() != tag("IHDR")) {
            throw new IIOException("damaged PNG header: the first chunk is not IHDR");
        }
        long w = in.readUnsignedInt();
        long h = in.readUnsignedInt();
        int depth = in.readUnsignedByte();
        int colour = in.readUnsignedByte();
        if (w < 1 || h < 1 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw new IIOException("damaged PNG header: size " + w + "x" + h);
        }
        sizeCheck.check(w, h);
        in.skipBytes(3 + 4); // compression, filter, interlace, CRC
        Palette palette = null;
        byte[] exifData = null;
        try {
            boolean data = false;
            for (int k = 0; k < MAX_CHUNKS; k++) {
                long length = in.readUnsignedInt();
                int type = in.readInt();
                long next = in.getStreamPosition() + length + 4;
                if (type == tag("PLTE") && !data && colour == 3 && length % 3 == 0 && length <= 3 * 256) {
                    byte[] rgb = new byte[(int) length];
                    in.readFully(rgb);
                    palette = new Palette(rgb);
                } else if (type == tag("eXIf") && length <= 1 << 16) {
                    exifData = new byte[6 + (int) length];
                    in.readFully(exifData, 6, (int) length); // behind 6 bytes, where a JPEG has "Exif\0\0"
                } else if (type == tag("IEND") || type == tag("IDAT") && !exif) {
                    break;
                }
                data |= type == tag("IDAT");
                in.seek(next);
            }
        } catch (EOFException e) {
            // A damaged chunk list: ImageIO names the damage when it decodes.
        }
        return new PngHeader(w, h, depth, colour, palette, ExifOrientation.read(exifData));
    }

    private static int tag(String name) {
        return name.charAt(0) << 24 | name.charAt(1) << 16 | name.charAt(2) << 8 | name.charAt(3);
    }

    @Override
    public ImageFormat format() {
        return ImageFormat.PNG;
    }

    @Override
    public RawImage decode(ImageReader reader, String source) throws IOException {
        var image = reader.read(0);
        if (colourType == 3 && palette != null) {
            return RgbConversion.indexed(image.getRaster(), palette);
        }
        // PIL: plain 16-bit grey is mode I (clipped to 255), also with a tRNS chunk, for which ImageIO adds alpha.
        var grey16 = colourType == 0 ? RgbConversion.Grey16.CLIP : RgbConversion.Grey16.HIGH_BYTE;
        return RgbConversion.convert(image, grey16, source);
    }
}
