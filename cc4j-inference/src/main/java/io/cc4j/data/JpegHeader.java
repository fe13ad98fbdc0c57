package io.cc4j.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.IIOException;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A JPEG's markers up to the first scan: the frame size, the colour space libjpeg will assume, and the EXIF
 * orientation.
 *
 * @param width columns
 * @param height rows
 * @param space what the components hold, decided from the JFIF and Adobe markers and the component ids exactly as
 *     libjpeg's {@code default_decompress_parms} decides it for PIL
 * @param orientation the EXIF Orientation of the first Exif APP1 segment, 1 when none
 */
record JpegHeader(long width, long height, JpegColour.Space space, int orientation) implements ImageHeader {
    private static final int MAX_SEGMENTS = 65_536;
    private static final int MAX_JUNK_BYTES = 1 << 20;
    /** The warning ImageIO's JPEG reader gives when the data ends before the EOI marker (libjpeg then pads). */
    private static final String TRUNCATED_WARNING = "Missing EOI";

    static JpegHeader read(ImageInputStream in, SizeCheck sizeCheck) throws IOException {
        in.setByteOrder(ByteOrder.BIG_ENDIAN);
        in.skipBytes(2); // SOI, checked by the caller
        boolean jfif = false;
        int adobeTransform = -1;
        byte[] exif = null;
        int precision = 0;
        int w = -1;
        int h = -1;
        int[] ids = new int[0];
        int junk = 0;
        for (int segments = 0; segments < MAX_SEGMENTS; ) {
            if (in.readUnsignedByte() != 0xFF) {
                if (++junk > MAX_JUNK_BYTES) {
                    break;
                }
                continue; // libjpeg skips stray bytes between markers (with a warning), and so does PIL
            }
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) {
                marker = in.readUnsignedByte();
            }
            if (marker == 0x00 || marker == 0x01 || marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7) {
                continue; // no length: stuffing, TEM, SOI, RSTn
            }
            if (marker == 0xD9) {
                throw new IIOException("the JPEG ends (EOI) before any image data");
            }
            segments++;
            int length = in.readUnsignedShort();
            if (length < 2) {
                throw new IIOException("damaged JPEG: marker 0xFF" + Integer.toHexString(marker) + " with length "
                        + length);
            }
            long next = in.getStreamPosition() + length - 2;
            int data = length - 2;
            if (marker == 0xDA) { // SOS: libjpeg decides the colour space here
                if (w < 0) {
                    throw new IIOException("damaged JPEG: a scan before the frame header (SOF)");
                }
                return finish(w, h, precision, ids, jfif, adobeTransform, exif);
            }
            if (isFrame(marker) && w < 0) {
                precision = in.readUnsignedByte();
                h = in.readUnsignedShort();
                w = in.readUnsignedShort();
                sizeCheck.check(w, h);
                ids = new int[in.readUnsignedByte()];
                for (int c = 0; c < ids.length; c++) {
                    ids[c] = in.readUnsignedByte();
                    in.skipBytes(2);
                }
            } else if (marker == 0xE0 && data >= 14) {
                jfif |= "JFIF\0".equals(ascii(in, 5));
            } else if (marker == 0xEE && data >= 12) {
                byte[] b = new byte[12];
                in.readFully(b);
                if ("Adobe".equals(new String(b, 0, 5, StandardCharsets.ISO_8859_1))) {
                    adobeTransform = b[11] & 0xFF;
                }
            } else if (marker == 0xE1 && exif == null && data >= 5) {
                byte[] b = new byte[data];
                in.readFully(b);
                if ("Exif\0".equals(new String(b, 0, 5, StandardCharsets.ISO_8859_1))) {
                    exif = b; // PIL keeps the first segment starting "Exif\0"
                }
            }
            in.seek(next);
        }
        throw new IIOException("damaged JPEG: no image data found in the first " + MAX_SEGMENTS + " markers");
    }

    private static JpegHeader finish(int w, int h, int precision, int[] ids, boolean jfif, int adobeTransform,
            byte[] exif) throws IIOException {
        if (w == 0 || h == 0) {
            throw new IIOException("JPEG of size " + w + "x" + h + " (a height given after the scan, DNL, is not"
                    + " supported)");
        }
        if (precision != 8) {
            throw new IIOException(precision + "-bit JPEG samples are not supported (8-bit only, as in PIL)");
        }
        JpegColour.Space space = switch (ids.length) {
            case 1 -> JpegColour.Space.GREY;
            case 3 -> jfif ? JpegColour.Space.YCBCR
                    : adobeTransform == 0 ? JpegColour.Space.RGB
                    : adobeTransform > 0 ? JpegColour.Space.YCBCR
                    : ids[0] == 'R' && ids[1] == 'G' && ids[2] == 'B' ? JpegColour.Space.RGB
                    : JpegColour.Space.YCBCR;
            case 4 -> adobeTransform < 0 || adobeTransform == 0 ? JpegColour.Space.CMYK : JpegColour.Space.YCCK;
            default -> throw new IIOException("JPEG with " + ids.length + " components is not supported (1, 3 or 4)");
        };
        return new JpegHeader(w, h, space, ExifOrientation.read(exif));
    }

    /** Start-of-frame markers: SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static String ascii(ImageInputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Override
    public ImageFormat format() {
        return ImageFormat.JPEG;
    }

    /** Reads the raw components (no colour conversion, no ICC profile) and converts them as libjpeg and PIL do. */
    @Override
    public RawImage decode(ImageReader reader, String source) throws IOException {
        boolean[] truncated = {false};
        reader.addIIOReadWarningListener((r, message) -> truncated[0] |= message != null
                && message.contains(TRUNCATED_WARNING));
        var raw = reader.readRaster(0, null);
        if (truncated[0]) {
            // libjpeg pads a truncated scan with grey and ImageIO only warns; PIL refuses the file.
            throw new EOFException("the JPEG data ends before its end marker");
        }
        if (raw.getNumBands() != space.components || raw.getWidth() != width || raw.getHeight() != height) {
            throw new IIOException("the decoded JPEG has " + raw.getNumBands() + " bands of " + raw.getWidth() + "x"
                    + raw.getHeight() + ", the header declares " + space.components + " of " + width + "x" + height);
        }
        return JpegColour.toRgb(raw, space);
    }
}
