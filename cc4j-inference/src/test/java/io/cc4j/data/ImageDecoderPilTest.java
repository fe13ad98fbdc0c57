package io.cc4j.data;

import static io.cc4j.data.DecoderCorpus.maxDifference;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImageDecoder} against PIL 9.4 itself: every image of {@code src/test/resources/decoder} must decode to the
 * bytes {@code make_images.py} recorded from {@code Image.open(f).convert("RGB")} (and from
 * {@code ImageOps.exif_transpose} first), and every way into the decoder must give the same image.
 */
class ImageDecoderPilTest {
    /**
     * Largest difference allowed for JPEGs. Measured 0 for all JPEGs here (baseline 4:2:0, 4:2:2, 4:4:4,
     * progressive, grey, CMYK with and without the Adobe marker, YCCK, ICC), for 24 larger 100-400 px images at
     * quality 50 to 100, and for the 22 JPEGs found on this machine, with both Debian's OpenJDK 17, whose ImageIO
     * links the system libjpeg-turbo as PIL does, and Temurin 25, which bundles IJG libjpeg 6b: the integer IDCT
     * and the fancy upsampling of both agree bit for bit, and the colour conversion is cc4j's own.
     */
    private static final int JPEG_TOLERANCE = 0;

    /** Where {@code ImageIO.read} itself loses what PIL uses (documented on {@link ImageDecoder#convert}). */
    private static final Set<String> IMAGEIO_DIFFERS = Set.of("palette_short.png", "grey16_trns.png", "offset.gif",
            "offset_trns.gif", "rgb_icc.jpg");

    private final ImageDecoder asStored = ImageDecoder.builder().optExifOrientation(false).build();

    @TempDir
    Path dir;

    @Test
    void everyImageDecodesToPilsConvertRgb() {
        List<DecoderCorpus.Entry> entries = DecoderCorpus.entries();
        assertThat(entries).hasSizeGreaterThan(45);
        for (DecoderCorpus.Entry e : entries) {
            RawImage got = asStored.decode(e.file());
            assertThat(maxDifference(got, e.plain())).as(e.name()).isLessThanOrEqualTo(e.jpeg() ? JPEG_TOLERANCE : 0);
        }
    }

    @Test
    void exifOrientationTurnsImagesAsExifTransposeDoes() {
        int turned = 0;
        for (DecoderCorpus.Entry e : DecoderCorpus.entries()) {
            RawImage got = ImageDecoder.standard().decode(e.file());
            assertThat(maxDifference(got, e.upright())).as(e.name()).isLessThanOrEqualTo(e.jpeg() ? JPEG_TOLERANCE : 0);
            turned += e.turns() ? 1 : 0;
        }
        // Orientations 2..8 in JPEG (Motorola and Intel byte order) and in PNG eXIf chunks before and after IDAT.
        assertThat(turned).isEqualTo(10);
    }

    @Test
    void probeReportsTheDecodedSize() {
        for (DecoderCorpus.Entry e : DecoderCorpus.entries()) {
            ImageInfo stored = asStored.probe(e.file());
            ImageInfo upright = ImageDecoder.standard().probe(e.file());
            assertThat(new int[] {stored.width(), stored.height(), upright.width(), upright.height()}).as(e.name())
                    .containsExactly(e.width(), e.height(), e.exifWidth(), e.exifHeight());
            String ext = e.name().substring(e.name().lastIndexOf('.') + 1);
            assertThat(stored.format().name()).isEqualTo(ext.equals("jpg") ? "JPEG" : ext.toUpperCase());
        }
    }

    @Test
    void fileBytesAndStreamGiveIdenticalImages() throws IOException {
        for (DecoderCorpus.Entry e : DecoderCorpus.entries()) {
            byte[] encoded = Files.readAllBytes(e.file());
            RawImage fromFile = ImageDecoder.standard().decode(e.file());
            RawImage fromBytes = ImageDecoder.standard().decode(encoded, e.name());
            assertThat(maxDifference(fromBytes, fromFile)).as(e.name()).isZero();
            assertThat(maxDifference(ImageDecoder.standard().decode(new ByteArrayInputStream(encoded), e.name()),
                    fromFile)).as(e.name()).isZero();
        }
    }

    @Test
    void folderDatasetReadsThroughTheDecoder() throws IOException {
        for (DecoderCorpus.Entry e : DecoderCorpus.entries()) {
            Files.copy(e.file(), dir.resolve(e.name()));
        }
        ImageFolderDataset ds = ImageFolderDataset.open(dir, true);
        assertThat(ds.size()).isEqualTo(DecoderCorpus.entries().size());
        assertThat(ds.shape()).isEmpty();
        for (int i = 0; i < ds.size(); i++) {
            DecoderCorpus.Entry e = DecoderCorpus.entry(ds.id(i));
            RawImage img = ds.image(i);
            assertThat(maxDifference(img, ImageDecoder.standard().decode(e.file()))).as(e.name()).isZero();
            assertThat(maxDifference(img, e.upright())).as(e.name()).isLessThanOrEqualTo(e.jpeg() ? JPEG_TOLERANCE : 0);
        }
    }

    @Test
    void bufferedImagesFromImageIoConvertToTheSamePixels() throws IOException {
        int compared = 0;
        for (DecoderCorpus.Entry e : DecoderCorpus.entries()) {
            if (IMAGEIO_DIFFERS.contains(e.name())) {
                continue;
            }
            BufferedImage read = ImageIO.read(e.file().toFile());
            assertThat(read).as(e.name()).isNotNull();
            assertThat(maxDifference(asStored.convert(read), asStored.decode(e.file()))).as(e.name()).isZero();
            compared++;
        }
        assertThat(compared).isEqualTo(DecoderCorpus.entries().size() - IMAGEIO_DIFFERS.size());
    }

    @Test
    void bufferedImagesPaintedInJavaMatchTheirPngs() throws IOException {
        // A caller's own image (not from ImageIO.read) and the PNG ImageIO writes from it hold the same pixels.
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_3BYTE_BGR,
                BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_USHORT_GRAY}) {
            BufferedImage img = new BufferedImage(7, 5, type);
            java.util.Random rnd = new java.util.Random(type);
            for (int b = 0; b < img.getRaster().getNumBands(); b++) {
                for (int y = 0; y < 5; y++) {
                    for (int x = 0; x < 7; x++) {
                        int bits = img.getColorModel().getComponentSize(b);
                        img.getRaster().setSample(x, y, b, rnd.nextInt(1 << bits));
                    }
                }
            }
            Path png = dir.resolve("t" + type + ".png");
            assertThat(ImageIO.write(img, "png", png.toFile())).isTrue();
            assertThat(maxDifference(ImageDecoder.standard().convert(img), ImageDecoder.standard().decode(png)))
                    .as("type " + type).isZero();
        }
    }
}
