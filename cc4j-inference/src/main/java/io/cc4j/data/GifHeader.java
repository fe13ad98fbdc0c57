package io.cc4j.data;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.Arrays;
import javax.imageio.IIOException;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A GIF's logical screen and first frame, as PIL 9.4 composes frame 0: a canvas of the screen size (grown to hold
 * the frame if it sticks out), filled with the frame's transparent index or else index 0, with the frame's indices
 * at its offset, shown through the frame's local colour table or else the global one (no table: indices are grey).
 *
 * @param width canvas columns
 * @param height canvas rows
 * @param frameX frame offset
 * @param frameY frame offset
 * @param frameWidth frame columns
 * @param frameHeight frame rows
 * @param transparent the transparent index of frame 0's graphic control extension, or -1
 * @param palette the frame's colour table, or null
 */
record GifHeader(long width, long height, int frameX, int frameY, int frameWidth, int frameHeight, int transparent,
        Palette palette) implements ImageHeader {
    private static final int MAX_BLOCKS = 65_536;

    static GifHeader read(ImageInputStream in, SizeCheck sizeCheck) throws IOException {
        in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
        in.skipBytes(6); // GIF87a / GIF89a, checked by the caller
        int screenW = in.readUnsignedShort();
        int screenH = in.readUnsignedShort();
        sizeCheck.check(screenW, screenH);
        int flags = in.readUnsignedByte();
        in.skipBytes(2); // background index, aspect ratio
        Palette global = (flags & 0x80) != 0 ? table(in, flags) : null;
        int transparent = -1;
        for (int k = 0; k < MAX_BLOCKS; k++) {
            int b = in.read();
            if (b < 0 || b == ';') {
                throw new IIOException("the GIF holds no image");
            }
            if (b == '!') {
                int label = in.readUnsignedByte();
                int size = in.readUnsignedByte();
                byte[] first = new byte[size];
                in.readFully(first);
                if (label == 0xF9 && size >= 4) { // graphic control extension
                    transparent = (first[0] & 1) != 0 ? first[3] & 0xFF : -1;
                }
                skipSubBlocks(in, size);
            } else if (b == ',') {
                int x = in.readUnsignedShort();
                int y = in.readUnsignedShort();
                int w = in.readUnsignedShort();
                int h = in.readUnsignedShort();
                int frameFlags = in.readUnsignedByte();
                if (w == 0 || h == 0) {
                    throw new IIOException("the GIF's first frame is empty (" + w + "x" + h + ")");
                }
                Palette local = (frameFlags & 0x80) != 0 ? table(in, frameFlags) : null;
                long canvasW = Math.max(screenW, (long) x + w);
                long canvasH = Math.max(screenH, (long) y + h);
                sizeCheck.check(canvasW, canvasH);
                return new GifHeader(canvasW, canvasH, x, y, w, h, transparent, local != null ? local : global);
            }
            // PIL ignores any other byte between blocks.
        }
        throw new IIOException("damaged GIF: no image in the first " + MAX_BLOCKS + " blocks");
    }

    private static Palette table(ImageInputStream in, int flags) throws IOException {
        byte[] rgb = new byte[3 << ((flags & 7) + 1)];
        in.readFully(rgb);
        return new Palette(rgb);
    }

    private static void skipSubBlocks(ImageInputStream in, int size) throws IOException {
        while (size > 0) {
            size = in.readUnsignedByte();
            in.skipBytes(size);
        }
    }

    @Override
    public ImageFormat format() {
        return ImageFormat.GIF;
    }

    @Override
    public RawImage decode(ImageReader reader, String source) throws IOException {
        var raster = reader.read(0).getRaster();
        if (raster.getWidth() != frameWidth || raster.getHeight() != frameHeight) {
            throw new IIOException("the decoded GIF frame is " + raster.getWidth() + "x" + raster.getHeight()
                    + ", its descriptor says " + frameWidth + "x" + frameHeight);
        }
        int cw = (int) width;
        int ch = (int) height;
        byte[] canvas = new byte[cw * ch];
        if (transparent >= 0) {
            Arrays.fill(canvas, (byte) transparent);
        }
        byte[] frame = RgbConversion.channel(raster, 0, 8, false);
        for (int y = 0; y < frameHeight; y++) {
            System.arraycopy(frame, y * frameWidth, canvas, (frameY + y) * cw + frameX, frameWidth);
        }
        return RgbConversion.lookup(canvas, cw, ch, palette != null ? palette : new Palette(new byte[0]));
    }
}
