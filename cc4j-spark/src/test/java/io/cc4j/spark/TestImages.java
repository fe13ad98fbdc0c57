package io.cc4j.spark;

import io.cc4j.data.RawImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Encodes test images as PNG files, the way a user's image folder holds them. */
public final class TestImages {
    private TestImages() {
    }

    /** PNG bytes of a grey or RGB image (8 bits per channel). */
    public static byte[] png(RawImage image) {
        int h = image.height();
        int w = image.width();
        BufferedImage b = new BufferedImage(w, h,
                image.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (image.channels() == 1) {
                    b.getRaster().setSample(x, y, 0, image.get(0, y, x));
                } else {
                    b.setRGB(x, y, image.get(0, y, x) << 16 | image.get(1, y, x) << 8 | image.get(2, y, x));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(b, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A colour image made from a grey one whose three channels all differ: R = v, G = 255 - v, B = v / 2 + 64. */
    static RawImage tinted(RawImage grey) {
        int n = grey.height() * grey.width();
        byte[] p = new byte[3 * n];
        for (int i = 0; i < n; i++) {
            int v = grey.pixels()[i] & 0xFF;
            p[i] = (byte) v;
            p[n + i] = (byte) (255 - v);
            p[2 * n + i] = (byte) (v / 2 + 64);
        }
        return new RawImage(3, grey.height(), grey.width(), p);
    }

    /** The same image with red and blue exchanged. */
    static RawImage swapRedBlue(RawImage rgb) {
        int n = rgb.height() * rgb.width();
        byte[] p = rgb.pixels().clone();
        System.arraycopy(rgb.pixels(), 2 * n, p, 0, n);
        System.arraycopy(rgb.pixels(), 0, p, 2 * n, n);
        return new RawImage(3, rgb.height(), rgb.width(), p);
    }
}
