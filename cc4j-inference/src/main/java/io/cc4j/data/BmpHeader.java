package io.cc4j.data;

import java.io.IOException;
import java.nio.ByteOrder;
import javax.imageio.IIOException;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A BMP's size from its DIB header (OS/2 core headers with 16-bit sizes, Windows headers with 32-bit signed
 * ones, negative height meaning top-down).
 *
 * @param width columns
 * @param height rows
 */
record BmpHeader(long width, long height) implements ImageHeader {
    static BmpHeader read(ImageInputStream in, SizeCheck sizeCheck) throws IOException {
        in.setByteOrder(ByteOrder.LITTLE_ENDIAN);
        in.skipBytes(14); // file header: "BM", size, reserved, pixel offset
        long dib = in.readUnsignedInt();
        long w;
        long h;
        if (dib == 12) {
            w = in.readUnsignedShort();
            h = in.readUnsignedShort();
        } else if (dib >= 16) {
            w = in.readInt();
            h = Math.abs((long) in.readInt());
        } else {
            throw new IIOException("damaged BMP: DIB header of " + dib + " bytes");
        }
        if (w < 1 || h < 1) {
            throw new IIOException("damaged BMP: size " + w + "x" + h);
        }
        sizeCheck.check(w, h);
        return new BmpHeader(w, h);
    }

    @Override
    public ImageFormat format() {
        return ImageFormat.BMP;
    }

    @Override
    public RawImage decode(ImageReader reader, String source) throws IOException {
        var image = reader.read(0);
        return RgbConversion.convert(image, RgbConversion.Grey16.guess(image.getColorModel()), source);
    }
}
