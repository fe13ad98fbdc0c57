package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * Stored samples to planar 8-bit RGB by the rules of PIL's {@code convert("RGB")}, reading rasters directly: no
 * {@code getRGB}, no colour management.
 *
 * <ul>
 *   <li>Grey: the stored value in all three channels (Java's {@code getRGB} would apply a linear-to-sRGB curve and
 *       turn 128 into 188). Depths below 8 bits are scaled ({@code v * 255 / (2^bits - 1)}: 1-bit 0/255, 2-bit
 *       *85, 4-bit *17).</li>
 *   <li>16 bits: colour and grey-with-alpha keep the high byte (PIL's {@code ;16B} raw modes); plain 16-bit grey
 *       is clipped to 255 (PIL opens it as mode {@code I}, whose conversion clips). See {@link Grey16}.</li>
 *   <li>Alpha is dropped and the stored colour kept, also where alpha is 0 (no compositing). Premultiplied
 *       rasters are divided out first, to the colour a file would store.</li>
 *   <li>Palettes: see {@link Palette}.</li>
 *   <li>CMYK samples as PIL holds them (ink amounts, 255 = full ink): PIL's {@code cmyk2rgb}.</li>
 * </ul>
 */
final class RgbConversion {
    /** What PIL makes of 16-bit grey samples, which depends on how the file stored them. */
    enum Grey16 {
        /** Plain 16-bit grey (PNG colour type 0, mode {@code I}): values above 255 become 255. */
        CLIP,
        /** 16-bit grey with alpha (PNG colour type 4, {@code LA;16B}): the high byte. */
        HIGH_BYTE;

        /** The rule for an image of unknown origin: with alpha it was grey-with-alpha, else plain grey. */
        static Grey16 guess(ColorModel cm) {
            return cm.hasAlpha() ? HIGH_BYTE : CLIP;
        }
    }

    private RgbConversion() {
    }

    /**
     * Converts a decoded image.
     *
     * @param grey16 the rule for 16-bit grey; a {@link BufferedImage} on its own cannot tell
     * @throws InvalidInputException for sample types PIL has no counterpart for (float, signed, 32-bit, other
     *     colour spaces)
     */
    static RawImage convert(BufferedImage image, Grey16 grey16, String source) {
        ColorModel cm = image.getColorModel();
        Raster raster = image.getRaster();
        if (cm instanceof IndexColorModel icm) {
            return indexed(raster, Palette.of(icm));
        }
        if (cm.isAlphaPremultiplied()) {
            WritableRaster copy = raster.createCompatibleWritableRaster();
            copy.setRect(raster);
            cm = cm.coerceData(copy, false);
            raster = copy;
        }
        int dataType = raster.getDataBuffer().getDataType();
        if (dataType != DataBuffer.TYPE_BYTE && dataType != DataBuffer.TYPE_USHORT && dataType != DataBuffer.TYPE_INT) {
            throw unsupported(source, "samples of data type " + dataType + " (only 8- and 16-bit integer samples)");
        }
        int space = cm.getColorSpace().getType();
        int colours = cm.getNumColorComponents();
        if (space == ColorSpace.TYPE_GRAY && colours == 1) {
            int bits = bits(cm, 0, source);
            byte[] grey = channel(raster, 0, bits, bits == 16 && grey16 == Grey16.CLIP);
            return replicate(grey, raster.getWidth(), raster.getHeight());
        }
        if (space == ColorSpace.TYPE_RGB && colours == 3) {
            int plane = raster.getWidth() * raster.getHeight();
            byte[] px = new byte[3 * plane];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(channel(raster, c, bits(cm, c, source), false), 0, px, c * plane, plane);
            }
            return new RawImage(3, raster.getHeight(), raster.getWidth(), px);
        }
        if (space == ColorSpace.TYPE_CMYK && colours == 4) {
            for (int c = 0; c < 4; c++) {
                if (bits(cm, c, source) != 8) {
                    throw unsupported(source, "CMYK with " + cm.getComponentSize(c) + "-bit samples");
                }
            }
            byte[][] inks = new byte[4][];
            for (int c = 0; c < 4; c++) {
                inks[c] = channel(raster, c, 8, false);
            }
            return JpegColour.cmykToRgb(inks, raster.getWidth(), raster.getHeight());
        }
        throw unsupported(source, "colour space type " + space + " with " + colours + " components");
    }

    /**
     * Index rasters through a palette (PNG, GIF, BMP colour tables).
     *
     * @param raster one band of indices 0..255
     */
    static RawImage indexed(Raster raster, Palette palette) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] idx = channel(raster, 0, 8, false);
        return lookup(idx, w, h, palette);
    }

    /** Planar RGB of {@code indices} (row-major, w x h) through {@code palette}. */
    static RawImage lookup(byte[] indices, int w, int h, Palette palette) {
        byte[][] t = palette.lookup();
        int plane = w * h;
        byte[] px = new byte[3 * plane];
        for (int c = 0; c < 3; c++) {
            byte[] tc = t[c];
            int base = c * plane;
            for (int i = 0; i < plane; i++) {
                px[base + i] = tc[indices[i] & 0xFF];
            }
        }
        return new RawImage(3, h, w, px);
    }

    /** A grey plane as three equal channels. */
    static RawImage replicate(byte[] grey, int w, int h) {
        int plane = w * h;
        byte[] px = new byte[3 * plane];
        System.arraycopy(grey, 0, px, 0, plane);
        System.arraycopy(grey, 0, px, plane, plane);
        System.arraycopy(grey, 0, px, 2 * plane, plane);
        return new RawImage(3, h, w, px);
    }

    private static int bits(ColorModel cm, int component, String source) {
        int bits = cm.getComponentSize(component);
        if (bits < 1 || bits > 16) {
            throw unsupported(source, bits + "-bit samples");
        }
        return bits;
    }

    /**
     * Band {@code band} of {@code raster} as 8-bit values, row-major.
     *
     * @param clip16 for 16-bit samples: clip to 255 instead of keeping the high byte
     */
    static byte[] channel(Raster raster, int band, int bits, boolean clip16) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] out = new byte[w * h];
        if (bits == 8 && fastBytes(raster)) {
            ComponentSampleModel sm = (ComponentSampleModel) raster.getSampleModel();
            byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
            int base = raster.getDataBuffer().getOffset() + sm.getBandOffsets()[band];
            int tx = raster.getMinX() - raster.getSampleModelTranslateX();
            int ty = raster.getMinY() - raster.getSampleModelTranslateY();
            int stride = sm.getPixelStride();
            for (int y = 0; y < h; y++) {
                int src = base + (ty + y) * sm.getScanlineStride() + tx * stride;
                int dst = y * w;
                for (int x = 0; x < w; x++, src += stride) {
                    out[dst + x] = data[src];
                }
            }
            return out;
        }
        int max = (1 << bits) - 1;
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, band, row);
            int dst = y * w;
            for (int x = 0; x < w; x++) {
                int v = row[x];
                if (bits == 16) {
                    v = clip16 ? Math.min(v, 255) : v >>> 8;
                } else if (bits != 8) {
                    v = v * 255 / max; // PIL's scaling of 1-, 2-, 4-bit grey and 5-, 6-bit packed colour
                }
                out[dst + x] = (byte) v;
            }
        }
        return out;
    }

    /** Byte samples in one bank, addressable by offset arithmetic. */
    private static boolean fastBytes(Raster raster) {
        if (!(raster.getSampleModel() instanceof ComponentSampleModel sm)
                || !(raster.getDataBuffer() instanceof DataBufferByte) || raster.getDataBuffer().getNumBanks() != 1) {
            return false;
        }
        for (int bank : sm.getBankIndices()) {
            if (bank != 0) {
                return false;
            }
        }
        return true;
    }

    private static InvalidInputException unsupported(String source, String what) {
        return new InvalidInputException("cannot convert image " + source + " to RGB: " + what + " not supported");
    }
}
