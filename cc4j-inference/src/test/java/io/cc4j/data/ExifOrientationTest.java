package io.cc4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The EXIF parser on segments the golden images do not cover: other value types and malformed data. */
class ExifOrientationTest {
    /** "Exif\0\0", a TIFF header in {@code order}, IFD0 at {@code ifd} with one entry (tag, type, count, value). */
    private static byte[] segment(ByteOrder order, long ifd, int type, long count, int value) {
        ByteBuffer b = ByteBuffer.allocate(6 + 8 + 2 + 12 + 4).order(order);
        b.put("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.putShort((short) 42).putInt((int) ifd).putShort((short) 1);
        b.putShort((short) 0x0112).putShort((short) type).putInt((int) count);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else if (type == 1) {
            b.put((byte) value).put(new byte[3]);
        } else {
            b.putInt(value);
        }
        return b.array();
    }

    @Test
    void readsShortLongAndByteValuesInBothByteOrders() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            assertThat(ExifOrientation.read(segment(order, 8, 3, 1, 6))).isEqualTo(6);
            assertThat(ExifOrientation.read(segment(order, 8, 4, 1, 8))).isEqualTo(8);
            assertThat(ExifOrientation.read(segment(order, 8, 1, 1, 3))).isEqualTo(3);
        }
    }

    @Test
    void malformedOrOutOfRangeMeansUpright() {
        ByteOrder be = ByteOrder.BIG_ENDIAN;
        assertThat(ExifOrientation.read(null)).isEqualTo(1);
        assertThat(ExifOrientation.read(segment(be, 8, 3, 1, 9))).isEqualTo(1); // no such orientation
        assertThat(ExifOrientation.read(segment(be, 8, 3, 2, 6))).isEqualTo(1); // a pair of values
        assertThat(ExifOrientation.read(segment(be, 8, 5, 1, 6))).isEqualTo(1); // RATIONAL
        assertThat(ExifOrientation.read(segment(be, 4_000_000_000L, 3, 1, 6))).isEqualTo(1); // IFD past the end
        assertThat(ExifOrientation.read(segment(be, 20, 3, 1, 6))).isEqualTo(1); // IFD in the middle of an entry
        byte[] badMagic = segment(be, 8, 3, 1, 6);
        badMagic[9] = 43;
        assertThat(ExifOrientation.read(badMagic)).isEqualTo(1);
        byte[] cut = Arrays.copyOf(segment(be, 8, 3, 1, 6), 20); // entry cut off
        assertThat(ExifOrientation.read(cut)).isEqualTo(1);
    }

    @Test
    void transposesPlanarImages() {
        // 2 x 3 (h x w) image, values = position, one channel per plane offset by 100
        byte[] px = new byte[3 * 6];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 6; i++) {
                px[c * 6 + i] = (byte) (c * 100 + i);
            }
        }
        RawImage img = new RawImage(3, 2, 3, px);
        RawImage cw = ExifOrientation.apply(img, 6); // rotate 90 clockwise: 3 x 2, top row = old left column upward
        assertThat(new int[] {cw.height(), cw.width()}).containsExactly(3, 2);
        assertThat(new int[] {cw.get(0, 0, 0), cw.get(0, 0, 1), cw.get(2, 2, 1)}).containsExactly(3, 0, 202);
        RawImage back = ExifOrientation.apply(ExifOrientation.apply(cw, 8), 1);
        assertThat(back.pixels()).isEqualTo(px);
        assertThat(ExifOrientation.apply(ExifOrientation.apply(img, 5), 5).pixels()).isEqualTo(px);
        assertThat(ExifOrientation.apply(ExifOrientation.apply(img, 7), 7).pixels()).isEqualTo(px);
    }
}
