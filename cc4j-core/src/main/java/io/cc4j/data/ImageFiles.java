package io.cc4j.data;

import io.cc4j.InvalidInputException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reads single image files through ImageIO and converts them to 3-channel planar RGB. */
final class ImageFiles {
    /** File name extensions the folder reader picks up (case-insensitive). */
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private ImageFiles() {
    }

    /** Whether the file name has one of the {@link #EXTENSIONS}. */
    static boolean isImageName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Decodes only the header of {@code file}: cheap enough to check every file of a large folder at open.
     *
     * @return {@code {width, height}}
     * @throws IOException with the reason when no ImageIO reader accepts the file or its header is damaged
     */
    static int[] probe(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("cannot open");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not a recognised image format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w < 1 || h < 1) {
                    throw new IOException("empty image " + w + "x" + h);
                }
                // A header ImageIO can parse but no pixel layout it can decode (e.g. CMYK JPEGs, which ImageNet
                // has) would otherwise fail only when training reaches the image.
                if (!reader.getImageTypes(0).hasNext()) {
                    throw new IOException("unsupported colour model");
                }
                return new int[] {w, h};
            } finally {
                reader.dispose();
            }
        } catch (RuntimeException e) {
            // Some readers report damaged headers with runtime exceptions; both mean "unreadable".
            throw new IOException(reason(e), e);
        }
    }

    /** A one-line reason for a failed read, never empty. */
    static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Decodes {@code file} fully to 3-channel RGB.
     *
     * @throws InvalidInputException naming the file when it cannot be decoded
     */
    static RawImage readRgb(Path file) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("cannot decode image " + file + ": " + reason(e), e);
        }
        if (img == null) {
            throw new InvalidInputException("cannot decode image " + file + ": not a recognised image format");
        }
        return toRgb(img);
    }

    /**
     * Converts any {@link BufferedImage} to planar RGB. Grayscale images copy their samples to all three
     * channels directly: going through {@code getRGB} would apply Java's linear-gray to sRGB conversion and
     * brighten them. Alpha is dropped.
     */
    static RawImage toRgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int plane = w * h;
        byte[] px = new byte[3 * plane];
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        if (!(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            int bits = cm.getComponentSize(0);
            int max = (1 << bits) - 1;
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    byte v = (byte) (bits == 8 ? row[x] : Math.round(row[x] * 255.0f / max));
                    int i = y * w + x;
                    px[i] = v;
                    px[plane + i] = v;
                    px[2 * plane + i] = v;
                }
            }
        } else {
            int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
            for (int i = 0; i < plane; i++) {
                int p = argb[i];
                px[i] = (byte) (p >> 16);
                px[plane + i] = (byte) (p >> 8);
                px[2 * plane + i] = (byte) p;
            }
        }
        return new RawImage(3, h, w, px);
    }
}
