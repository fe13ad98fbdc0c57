package io.cc4j.data;

import static io.cc4j.data.DecoderCorpus.maxDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cc4j.InvalidInputException;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoder's contract besides PIL parity: pixel rules for images in memory, limits, bad input, threads. */
class ImageDecoderTest {
    @TempDir
    Path dir;

    // ---- BufferedImage rules -----------------------------------------------------------------------------------

    @Test
    void greyKeepsItsStoredValueWhereGetRgbWouldBrightenIt() {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        grey.getRaster().setSample(1, 0, 0, 37);
        assertThat(grey.getRGB(0, 0) & 0xFF).isNotEqualTo(128); // Java's linear-grey conversion, the old bug
        RawImage rgb = ImageDecoder.standard().convert(grey);
        for (int c = 0; c < 3; c++) {
            assertThat(rgb.get(c, 0, 0)).isEqualTo(128);
            assertThat(rgb.get(c, 0, 1)).isEqualTo(37);
        }
    }

    @Test
    void sixteenBitGreyClipsAsPilModeI() {
        BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {200, 256, 65535});
        RawImage rgb = ImageDecoder.standard().convert(grey);
        assertThat(new int[] {rgb.get(0, 0, 0), rgb.get(1, 0, 1), rgb.get(2, 0, 2)}).containsExactly(200, 255, 255);
    }

    @Test
    void alphaIsDroppedKeepingTheStoredColour() {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00_10_20_30); // fully transparent: the colour stays, nothing is composited
        argb.setRGB(1, 0, 0x80_C0_40_08);
        RawImage rgb = ImageDecoder.standard().convert(argb);
        assertThat(new int[] {rgb.get(0, 0, 0), rgb.get(1, 0, 0), rgb.get(2, 0, 0)}).containsExactly(0x10, 0x20, 0x30);
        assertThat(new int[] {rgb.get(0, 0, 1), rgb.get(1, 0, 1), rgb.get(2, 0, 1)}).containsExactly(0xC0, 0x40, 0x08);

        BufferedImage pre = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE);
        pre.setRGB(0, 0, 0x80_C0_40_08); // stored premultiplied; converted back to the colour a file would hold
        RawImage back = ImageDecoder.standard().convert(pre);
        int[] expected = {pre.getRGB(0, 0) >> 16 & 0xFF, pre.getRGB(0, 0) >> 8 & 0xFF, pre.getRGB(0, 0) & 0xFF};
        assertThat(new int[] {back.get(0, 0, 0), back.get(1, 0, 0), back.get(2, 0, 0)}).containsExactly(expected);
    }

    @Test
    void packedAndBinaryImagesScaleAsPil() {
        BufferedImage rgb565 = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_565_RGB);
        rgb565.getRaster().setPixel(0, 0, new int[] {30, 62, 1}); // 5, 6 and 5 bits: PIL's v * 255 / max, floored
        RawImage a = ImageDecoder.standard().convert(rgb565);
        assertThat(new int[] {a.get(0, 0, 0), a.get(1, 0, 0), a.get(2, 0, 0)})
                .containsExactly(30 * 255 / 31, 62 * 255 / 63, 255 / 31);
        BufferedImage binary = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY);
        binary.getRaster().setSample(1, 0, 0, 1);
        RawImage b = ImageDecoder.standard().convert(binary);
        assertThat(new int[] {b.get(0, 0, 0), b.get(1, 0, 1), b.get(2, 0, 1)}).containsExactly(0, 255, 255);
    }

    @Test
    void samplesWithoutAPilCounterpartAreRefused() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_FLOAT);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 2);
        BufferedImage floats = new BufferedImage(cm, raster, false, null);
        assertThatThrownBy(() -> ImageDecoder.standard().convert(floats)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not supported");
    }

    @Test
    void subImagesConvertTheirOwnPixels() {
        BufferedImage big = new BufferedImage(6, 4, BufferedImage.TYPE_3BYTE_BGR);
        Random rnd = new Random(3);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 6; x++) {
                big.setRGB(x, y, rnd.nextInt(1 << 24));
            }
        }
        RawImage sub = ImageDecoder.standard().convert(big.getSubimage(2, 1, 3, 2));
        assertThat(sub.width()).isEqualTo(3);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                assertThat(sub.get(1, y, x)).isEqualTo(big.getRGB(x + 2, y + 1) >> 8 & 0xFF);
            }
        }
    }

    // ---- The pixel limit ---------------------------------------------------------------------------------------

    @Test
    void decompressionBombsAreRefusedFromTheHeaderQuicklyAndCheaply() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ImageDecoder.standard().decode(smallPng()); // load ImageIO and the classes first
        for (Bomb bomb : bombs()) {
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            Throwable t = catchThrowable(() -> ImageDecoder.standard().decode(bomb.bytes, bomb.name));
            long millis = (System.nanoTime() - start) / 1_000_000;
            allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
            assertThat(t).as(bomb.name).isInstanceOf(ImageTooLargeException.class)
                    .hasMessageContaining(bomb.name).hasMessageContaining(bomb.width + "x" + bomb.height)
                    .hasMessageContaining(Long.toString(ImageDecoder.DEFAULT_MAX_PIXELS));
            ImageTooLargeException e = (ImageTooLargeException) t;
            assertThat(new long[] {e.width(), e.height(), e.maxPixels()})
                    .containsExactly(bomb.width, bomb.height, ImageDecoder.DEFAULT_MAX_PIXELS);
            assertThat(allocated).as(bomb.name + " bytes allocated").isLessThan(1 << 20);
            assertThat(millis).as(bomb.name + " ms").isLessThan(1000);
            assertThatThrownBy(() -> ImageDecoder.standard().probe(bomb.bytes, bomb.name))
                    .isInstanceOf(ImageTooLargeException.class);
        }
    }

    @Test
    void aBombStreamIsNotReadPastItsHeader() {
        byte[] bomb = bombs().get(0).bytes;
        long[] served = {0};
        InputStream endless = new InputStream() { // the bomb's header, then zeros for ever
            @Override
            public int read() {
                long i = served[0]++;
                return i < bomb.length ? bomb[(int) i] & 0xFF : 0;
            }
        };
        assertThatThrownBy(() -> ImageDecoder.standard().decode(endless, "upload"))
                .isInstanceOf(ImageTooLargeException.class).hasMessageContaining("upload");
        assertThat(served[0]).isLessThan(64 * 1024);
    }

    @Test
    void theLimitIsAnOption() {
        Path grey = DecoderCorpus.entry("grey8.png").file(); // 13 x 7 = 91 pixels
        assertThat(ImageDecoder.builder().optMaxPixels(91).build().decode(grey).width()).isEqualTo(13);
        assertThatThrownBy(() -> ImageDecoder.builder().optMaxPixels(90).build().decode(grey))
                .isInstanceOf(ImageTooLargeException.class).hasMessageContaining(grey.toString())
                .hasMessageContaining("13x7").hasMessageContaining("91 pixels").hasMessageContaining("90 pixels");
        assertThatThrownBy(() -> ImageDecoder.builder().optMaxPixels(0)).isInstanceOf(InvalidInputException.class);
        assertThat(ImageDecoder.standard().maxPixels()).isEqualTo(40_000_000L);
    }

    @Test
    void aFolderSkipsBombsAtOpenOrRefusesThemWhenStrict() throws IOException {
        Files.copy(DecoderCorpus.entry("rgb8.png").file(), dir.resolve("fine.png"));
        Path bomb = Files.write(dir.resolve("bomb.png"), bombs().get(0).bytes);
        ImageFolderDataset ds = ImageFolderDataset.open(dir);
        assertThat(ds.size()).isEqualTo(1);
        assertThat(ds.skipped()).containsExactly(bomb);
        assertThatThrownBy(() -> ImageFolderDataset.open(dir, true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(bomb.toString()).hasMessageContaining("exceeds the limit");
        ImageDecoder tight = ImageDecoder.builder().optMaxPixels(10).build();
        assertThatThrownBy(() -> ImageFolderDataset.open(dir, false, tight)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no readable image");
    }

    // ---- Bad input ---------------------------------------------------------------------------------------------

    @Test
    void truncatedImagesAreRefusedNamingTheSource() throws IOException {
        for (String name : List.of("rgb8.png", "rgb420.jpg", "progressive.jpg", "cmyk_adobe.jpg", "palette.gif",
                "rgb24.bmp", "grey16.png")) {
            byte[] full = Files.readAllBytes(DecoderCorpus.entry(name).file());
            for (int length : new int[] {full.length * 2 / 3, full.length / 3, 30, 9}) {
                String source = name + "[" + length + "]";
                Throwable t = catchThrowable(() -> ImageDecoder.standard().decode(Arrays.copyOf(full, length), source));
                assertThat(t).as(source).isInstanceOf(InvalidInputException.class).hasMessageContaining(source);
            }
        }
    }

    @Test
    void truncatedEndsAreJudgedAsPilJudgesThem() throws IOException {
        // A JPEG without its last 2 bytes (the EOI marker): ImageIO only warns and pads, PIL refuses.
        byte[] jpeg = Files.readAllBytes(DecoderCorpus.entry("rgb420.jpg").file());
        assertThatThrownBy(() -> ImageDecoder.standard().decode(Arrays.copyOf(jpeg, jpeg.length - 2), "cut.jpg"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cut.jpg")
                .hasMessageContaining("truncated");
        // A PNG whose image data is complete but whose IEND chunk is missing: PIL decodes it, and so does cc4j.
        DecoderCorpus.Entry png = DecoderCorpus.entry("rgb8.png");
        byte[] full = Files.readAllBytes(png.file());
        RawImage noEnd = ImageDecoder.standard().decode(Arrays.copyOf(full, full.length - 12), "no-iend.png");
        assertThat(maxDifference(noEnd, png.plain())).isZero();
    }

    @Test
    void dataThatIsNoSupportedImageIsRefusedListingTheFormats() {
        String formats = "PNG, JPEG, BMP, GIF";
        assertThatThrownBy(() -> ImageDecoder.standard().decode("hello, world".getBytes(StandardCharsets.US_ASCII),
                "notes.png")).isInstanceOf(UnsupportedImageFormatException.class).hasMessageContaining("notes.png")
                .hasMessageContaining(formats);
        assertThatThrownBy(() -> ImageDecoder.standard().decode(new byte[0], "empty.jpg"))
                .isInstanceOf(UnsupportedImageFormatException.class).hasMessageContaining("empty.jpg")
                .hasMessageContaining("empty");
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ImageDecoder.standard().decode(webp, "photo.webp"))
                .isInstanceOf(UnsupportedImageFormatException.class).hasMessageContaining("WebP")
                .hasMessageContaining(formats);
        Path missing = dir.resolve("gone.png");
        assertThatThrownBy(() -> ImageDecoder.standard().decode(missing)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void mutatedFilesDecodeOrFailWithInvalidInputOnly() throws IOException {
        Random rnd = new Random(9);
        List<DecoderCorpus.Entry> entries = DecoderCorpus.entries();
        int refused = 0;
        for (int k = 0; k < 300; k++) {
            DecoderCorpus.Entry e = entries.get(k % entries.size());
            byte[] data = Files.readAllBytes(e.file());
            for (int flips = 1 + rnd.nextInt(4); flips > 0; flips--) {
                int at = rnd.nextInt(Math.min(data.length, k % 2 == 0 ? 64 : data.length)); // headers, then anywhere
                data[at] ^= (byte) (1 << rnd.nextInt(8));
            }
            String source = e.name() + "#" + k;
            try {
                RawImage img = ImageDecoder.standard().decode(data, source);
                assertThat(img.channels()).isEqualTo(3);
            } catch (InvalidInputException expected) {
                assertThat(expected).hasMessageContaining(source);
                refused++;
            }
        }
        assertThat(refused).isPositive();
    }

    // ---- Threads -----------------------------------------------------------------------------------------------

    @Test
    void concurrentCallersGetTheSameImages() throws Exception {
        List<DecoderCorpus.Entry> entries = DecoderCorpus.entries();
        List<RawImage> expected = entries.stream().map(e -> ImageDecoder.standard().decode(e.file())).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int k = 0; k < 4 * entries.size(); k++) {
                        int i = (k + offset * 7) % entries.size();
                        byte[] bytes = Files.readAllBytes(entries.get(i).file());
                        if (maxDifference(ImageDecoder.standard().decode(bytes, "x"), expected.get(i)) != 0) {
                            throw new AssertionError(entries.get(i).name());
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : results) {
                assertThat(f.get()).isEqualTo(4 * entries.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- Fixtures ----------------------------------------------------------------------------------------------

    private record Bomb(String name, long width, long height, byte[] bytes) {
    }

    /** Small files declaring huge images: a PNG, a JPEG, a GIF and a BMP. */
    private static List<Bomb> bombs() {
        return List.of(
                new Bomb("bomb.png", 100_000, 100_000, png(100_000, 100_000, new byte[64])),
                new Bomb("bomb.jpg", 65_500, 65_500, jpeg(65_500, 65_500)),
                new Bomb("bomb.gif", 65_535, 65_535, gif(65_535, 65_535)),
                new Bomb("bomb.bmp", 100_000, 100_000, bmp(100_000, 100_000)));
    }

    private static byte[] smallPng() {
        return png(2, 2, new byte[2 * (1 + 6)]);
    }

    /** An 8-bit RGB PNG whose IDAT holds {@code scanlines} deflated. */
    private static byte[] png(int w, int h, byte[] scanlines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).array());
        Deflater deflater = new Deflater();
        deflater.setInput(scanlines);
        deflater.finish();
        byte[] z = new byte[scanlines.length + 64];
        chunk(out, "IDAT", Arrays.copyOf(z, deflater.deflate(z)));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] tag = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(tag);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(tag);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] jpeg(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0}).putShort((short) 17).put((byte) 8)
                .putShort((short) h).putShort((short) w).put((byte) 3);
        for (int c = 1; c <= 3; c++) {
            b.put((byte) c).put((byte) 0x11).put((byte) 0);
        }
        b.put(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 12, 3, 1, 0, 2, 0, 3, 0, 0, 63, 0, (byte) 0xFF, (byte) 0xD9});
        return Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] gif(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) w).putShort((short) h).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        b.put((byte) ',').putShort((short) 0).putShort((short) 0).putShort((short) w).putShort((short) h).put((byte) 0);
        b.put(new byte[] {2, 2, 0x4C, 0x01, 0, ';'});
        return Arrays.copyOf(b.array(), b.position());
    }

    private static byte[] bmp(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(64).putInt(0).putInt(54);
        b.putInt(40).putInt(w).putInt(h).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0).putInt(2835)
                .putInt(2835).putInt(0).putInt(0);
        return Arrays.copyOf(b.array(), 64);
    }
}
