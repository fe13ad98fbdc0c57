package io.cc4j.data;

/**
 * The EXIF Orientation tag (0x0112) and the transposition PIL's {@code ImageOps.exif_transpose} applies for it.
 *
 * <p>Reading one tag of IFD0 from an APP1 segment the JPEG header scan already holds needs no EXIF library: the
 * parser below checks every offset against the segment and answers 1 (upright) for anything malformed, where PIL
 * would raise.
 */
final class ExifOrientation {
    /** Upright: nothing to do. */
    static final int NORMAL = 1;

    private static final int TAG = 0x0112;

    private ExifOrientation() {
    }

    /**
     * The orientation an APP1 segment declares.
     *
     * @param app1 the segment payload (after the length), starting with {@code "Exif\0\0"}
     * @return 1..8; 1 when the tag is absent, repeated in count, out of range or the data is malformed
     */
    static int read(byte[] app1) {
        int tiff = 6;
        if (app1 == null || app1.length < tiff + 8 || app1[5] != 0) {
            return NORMAL; // PIL strips only an "Exif\0\0" lead, and fails on anything else
        }
        boolean little;
        if (app1[tiff] == 'I' && app1[tiff + 1] == 'I') {
            little = true;
        } else if (app1[tiff] == 'M' && app1[tiff + 1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        if (u16(app1, tiff + 2, little) != 42) {
            return NORMAL;
        }
        long ifd = tiff + u32(app1, tiff + 4, little);
        if (ifd + 2 > app1.length) {
            return NORMAL;
        }
        int count = u16(app1, (int) ifd, little);
        int value = NORMAL;
        for (int k = 0; k < count; k++) {
            int e = (int) ifd + 2 + 12 * k;
            if (e + 12 > app1.length) {
                break;
            }
            if (u16(app1, e, little) != TAG) {
                continue;
            }
            int type = u16(app1, e + 2, little);
            long n = u32(app1, e + 4, little);
            if (n != 1) {
                value = NORMAL; // PIL reads a tuple, which names no transposition
                continue;
            }
            long v = switch (type) {
                case 1, 6 -> app1[e + 8] & 0xFF; // BYTE, SBYTE
                case 3, 8 -> u16(app1, e + 8, little); // SHORT, SSHORT
                case 4, 9 -> u32(app1, e + 8, little); // LONG, SLONG
                default -> NORMAL;
            };
            value = v >= 1 && v <= 8 ? (int) v : NORMAL; // the last entry wins, as in PIL
        }
        return value;
    }

    /** Whether the orientation swaps width and height (5..8). */
    static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * {@code image} as PIL's {@code exif_transpose} leaves it: 2 mirror, 3 rotate 180, 4 flip, 5 transpose, 6
     * rotate 90 clockwise, 7 transverse, 8 rotate 90 counter-clockwise.
     */
    static RawImage apply(RawImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = swapsAxes(orientation);
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int plane = w * h;
        byte[] src = image.pixels();
        byte[] out = new byte[src.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sy;
                int sx;
                switch (orientation) {
                    case 2 -> { sy = y; sx = w - 1 - x; }
                    case 3 -> { sy = h - 1 - y; sx = w - 1 - x; }
                    case 4 -> { sy = h - 1 - y; sx = x; }
                    case 5 -> { sy = x; sx = y; }
                    case 6 -> { sy = h - 1 - x; sx = y; }
                    case 7 -> { sy = h - 1 - x; sx = w - 1 - y; }
                    default -> { sy = x; sx = w - 1 - y; }
                }
                int from = sy * w + sx;
                int to = y * ow + x;
                for (int c = 0; c < image.channels(); c++) {
                    out[c * plane + to] = src[c * plane + from];
                }
            }
        }
        return new RawImage(image.channels(), oh, ow, out);
    }

    private static int u16(byte[] b, int at, boolean little) {
        int a = b[at] & 0xFF;
        int c = b[at + 1] & 0xFF;
        return little ? a | c << 8 : a << 8 | c;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long hi = u16(b, at + (little ? 2 : 0), little);
        long lo = u16(b, at + (little ? 0 : 2), little);
        return hi << 16 | lo;
    }
}
