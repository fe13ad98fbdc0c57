package io.cc4j.data;

import java.awt.image.Raster;

/**
 * Colour conversion of raw JPEG samples as libjpeg and PIL do it, so that it never depends on which libjpeg
 * (or colour management) the JVM ships: ImageIO only decodes and upsamples the components
 * ({@code readRaster}), this class does the rest.
 *
 * <ul>
 *   <li>YCbCr to RGB: libjpeg's fixed-point tables ({@code jdcolor.c}), bit for bit.</li>
 *   <li>CMYK: PIL reads every CMYK JPEG as Adobe-inverted ({@code CMYK;I}, with or without an Adobe marker) and
 *       converts with {@code cmyk2rgb}: {@code out = k' - k' * c' / 255} in its rounding, where c' and k' are the
 *       inverted (ink) values.</li>
 *   <li>YCCK (Adobe transform 2): libjpeg's YCCK to CMYK first, then as CMYK.</li>
 * </ul>
 */
final class JpegColour {
    /** The colour space libjpeg decides a JPEG's components are in (its {@code jpeg_color_space}). */
    enum Space {
        GREY(1), RGB(3), YCBCR(3), CMYK(4), YCCK(4);

        final int components;

        Space(int components) {
            this.components = components;
        }
    }

    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private JpegColour() {
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALEBITS) + 0.5);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /**
     * Planar RGB from the raw, upsampled components ImageIO's {@code readRaster} returns.
     *
     * @param raw {@code space.components} byte bands
     */
    static RawImage toRgb(Raster raw, Space space) {
        int w = raw.getWidth();
        int h = raw.getHeight();
        byte[][] ch = new byte[space.components][];
        for (int b = 0; b < ch.length; b++) {
            ch[b] = RgbConversion.channel(raw, b, 8, false);
        }
        switch (space) {
            case GREY -> {
                return RgbConversion.replicate(ch[0], w, h);
            }
            case RGB -> {
                return planar(ch, w, h);
            }
            case YCBCR -> {
                yccToRgb(ch);
                return planar(ch, w, h);
            }
            case CMYK -> {
                for (byte[] c : ch) {
                    invert(c); // PIL's CMYK;I
                }
                return cmykToRgb(ch, w, h);
            }
            case YCCK -> {
                // libjpeg's ycck_cmyk_convert stores 255 - rgb (clamped); PIL's inversion undoes the 255 -.
                yccToRgb(ch);
                invert(ch[3]);
                return cmykToRgb(ch, w, h);
            }
            default -> throw new IllegalArgumentException(space.toString());
        }
    }

    /** The first three planes, one after the other. */
    private static RawImage planar(byte[][] ch, int w, int h) {
        int n = w * h;
        byte[] out = new byte[3 * n];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(ch[c], 0, out, c * n, n);
        }
        return new RawImage(3, h, w, out);
    }

    /** libjpeg's YCbCr to RGB ({@code jdcolor.c}) of the first three planes, in place. */
    private static void yccToRgb(byte[][] ch) {
        byte[] ys = ch[0];
        byte[] cbs = ch[1];
        byte[] crs = ch[2];
        for (int i = 0; i < ys.length; i++) {
            int y = ys[i] & 0xFF;
            int cb = cbs[i] & 0xFF;
            int cr = crs[i] & 0xFF;
            ys[i] = (byte) clamp(y + CR_R[cr]);
            cbs[i] = (byte) clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS));
            crs[i] = (byte) clamp(y + CB_B[cb]);
        }
    }

    private static void invert(byte[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (255 - (a[i] & 0xFF));
        }
    }

    /**
     * PIL's {@code cmyk2rgb} on planar CMYK ink values (0 = no ink): {@code out = CLIP8(nk - MULDIV255(c, nk))}
     * with {@code nk = 255 - k} and {@code MULDIV255(a, b) = (((a*b+128) >> 8) + a*b+128) >> 8}.
     *
     * @param inks four planes c, m, y, k of {@code w * h} bytes
     */
    static RawImage cmykToRgb(byte[][] inks, int w, int h) {
        int n = w * h;
        byte[] out = new byte[3 * n];
        byte[] k = inks[3];
        for (int c = 0; c < 3; c++) {
            byte[] ink = inks[c];
            int base = c * n;
            for (int i = 0; i < n; i++) {
                int nk = 255 - (k[i] & 0xFF);
                int t = (ink[i] & 0xFF) * nk + 128;
                out[base + i] = (byte) clamp(nk - (((t >> 8) + t) >> 8));
            }
        }
        return new RawImage(3, h, w, out);
    }
}
