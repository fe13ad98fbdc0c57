package io.cc4j.serve;

import io.cc4j.data.ImageGrid;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Encoded images for the server's tests: real ones in every format, and broken or hostile ones. */
final class TestImages {
    private TestImages() {
    }

    /** Training image {@code i} encoded by ImageIO as PNG, JPEG, BMP or GIF. */
    static byte[] encoded(int i, String format) {
        BufferedImage rgb = ImageGrid.toBufferedImage(TestRun.image(i));
        BufferedImage image = rgb;
        if (format.equals("gif") || format.equals("bmp")) {
            image = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
            image.getGraphics().drawImage(rgb, 0, 0, null);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The first half of a PNG: its header is fine, its pixels are cut off. */
    static byte[] truncatedPng() {
        byte[] png = TestRun.png(3);
        return Arrays.copyOf(png, png.length / 2);
    }

    /**
     * A decompression bomb: a valid PNG of a few hundred bytes whose header declares {@code side x side} grey
     * pixels; its one IDAT holds the start of the zlib stream of all-zero rows.
     */
    static byte[] pngBomb(int side) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ihdr);
            d.writeInt(side);
            d.writeInt(side);
            d.writeByte(8);
            d.writeByte(0);
            d.writeByte(0);
            d.writeByte(0);
            d.writeByte(0);
            chunk(out, "IHDR", ihdr.toByteArray());
            Deflater deflater = new Deflater(9);
            deflater.setInput(new byte[64 * 1024]);
            byte[] compressed = new byte[4096];
            int n = deflater.deflate(compressed, 0, compressed.length, Deflater.SYNC_FLUSH);
            chunk(out, "IDAT", Arrays.copyOf(compressed, n));
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    /** The first bytes of a little-endian TIFF: a real image format the server does not read. */
    static byte[] tiff() {
        return new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    }
}
