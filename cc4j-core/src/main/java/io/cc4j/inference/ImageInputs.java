package io.cc4j.inference;

import io.cc4j.InvalidInputException;
import io.cc4j.data.RawImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Images given to a predictor as bytes or in memory, turned into RawImages. */
final class ImageInputs {
    private ImageInputs() {
    }

    static RawImage decode(byte[] encoded, String source) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(encoded));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("cannot decode " + source + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new InvalidInputException("cannot decode " + source + ": not a recognised image format");
        }
        return convert(img);
    }

    static RawImage convert(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int plane = w * h;
        byte[] px = new byte[3 * plane];
        ColorModel cm = img.getColorModel();
        if (!(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            int[] row = new int[w];
            int max = (1 << cm.getComponentSize(0)) - 1;
            for (int y = 0; y < h; y++) {
                img.getRaster().getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    byte v = (byte) (max == 255 ? row[x] : Math.min(255, row[x]));
                    px[y * w + x] = v;
                    px[plane + y * w + x] = v;
                    px[2 * plane + y * w + x] = v;
                }
            }
        } else {
            int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < plane; i++) {
                px[i] = (byte) (argb[i] >> 16);
                px[plane + i] = (byte) (argb[i] >> 8);
                px[2 * plane + i] = (byte) argb[i];
            }
        }
        return new RawImage(3, h, w, px);
    }
}
