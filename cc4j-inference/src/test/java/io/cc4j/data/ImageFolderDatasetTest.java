package io.cc4j.data;

import static io.cc4j.data.DataFixtures.pixel;
import static io.cc4j.data.DataFixtures.writeRgb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {
    @TempDir
    Path dir;

    @Test
    void subFoldersAreSortedClassesAndPngPixelsAreExact() throws IOException {
        writeRgb(dir.resolve("zebra/b.png"), 1, 6, 4, "png");
        writeRgb(dir.resolve("zebra/a.png"), 2, 6, 4, "png");
        writeRgb(dir.resolve("ant/nested/c.png"), 3, 6, 4, "png");
        Files.writeString(dir.resolve("ant/notes.txt"), "not an image");
        Files.createDirectories(dir.resolve("empty-class"));
        writeRgb(dir.resolve(".hidden/x.png"), 4, 6, 4, "png");
        ImageFolderDataset ds = ImageFolderDataset.open(dir);
        assertThat(ds.classNames()).containsExactly("ant", "zebra");
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.hasLabels()).isTrue();
        assertThat(List.of(ds.id(0), ds.id(1), ds.id(2))).containsExactly("ant/nested/c.png", "zebra/a.png", "zebra/b.png");
        assertThat(new int[] {ds.label(0), ds.label(1), ds.label(2)}).containsExactly(0, 1, 1);
        assertThat(ds.shape()).contains(new ImageShape(3, 4, 6));
        assertThat(ds.channels()).isEqualTo(3);
        RawImage img = ds.image(1);
        assertThat(img.height()).isEqualTo(4);
        assertThat(img.width()).isEqualTo(6);
        for (int c = 0; c < 3; c++) {
            assertThat(img.get(c, 3, 5)).isEqualTo(pixel(2, c, 3, 5));
            assertThat(img.get(c, 1, 0)).isEqualTo(pixel(2, c, 1, 0));
        }
        assertThat(ds.skipped()).isEmpty();
    }

    @Test
    void tinyImageNetLayoutAndVaryingSizes() throws IOException {
        writeRgb(dir.resolve("train/n01443537/images/n01443537_0.JPEG"), 1, 64, 64, "jpg");
        writeRgb(dir.resolve("train/n01629819/images/n01629819_0.JPEG"), 2, 64, 64, "jpg");
        Files.writeString(dir.resolve("train/n01629819/n01629819_boxes.txt"), "boxes");
        ImageFolderDataset ds = ImageFolderDataset.open(dir.resolve("train"));
        assertThat(ds.classNames()).containsExactly("n01443537", "n01629819");
        assertThat(ds.shape()).contains(new ImageShape(3, 64, 64));
        assertThat(ds.label(1)).isEqualTo(1);
        assertThat(ds.image(0).pixels()).hasSize(3 * 64 * 64);

        writeRgb(dir.resolve("train/n01629819/images/z_big.jpg"), 3, 80, 50, "jpg");
        ImageFolderDataset varied = ImageFolderDataset.open(dir.resolve("train"));
        assertThat(varied.shape()).isEmpty();
        RawImage big = varied.image(varied.size() - 1);
        assertThat(varied.id(varied.size() - 1)).isEqualTo("n01629819/images/z_big.jpg");
        assertThat(big.width()).isEqualTo(80);
        assertThat(big.height()).isEqualTo(50);
    }

    @Test
    void flatFolderIsUnlabelled() throws IOException {
        writeRgb(dir.resolve("one.png"), 1, 3, 3, "png");
        writeRgb(dir.resolve("two.bmp"), 2, 3, 3, "bmp");
        ImageFolderDataset ds = ImageFolderDataset.open(dir);
        assertThat(ds.hasLabels()).isFalse();
        assertThat(ds.classNames()).isEmpty();
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.image(1).get(1, 2, 2)).isEqualTo(pixel(2, 1, 2, 2));
        assertThatThrownBy(() -> ds.label(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void grayscaleAndAlphaBecomeThreeChannelRgb() throws IOException {
        BufferedImage gray = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(1, 0, 0, 100);
        gray.getRaster().setSample(0, 1, 0, 255);
        ImageIO.write(gray, "png", dir.resolve("gray.png").toFile());
        BufferedImage gray16 = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setSample(1, 1, 0, 100 * 257); // PIL opens 16-bit grey as mode I: RGB clips at 255
        gray16.getRaster().setSample(0, 1, 0, 100);
        ImageIO.write(gray16, "png", dir.resolve("gray16.png").toFile());
        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(1, 1, 0x80_10_20_30);
        ImageIO.write(argb, "png", dir.resolve("rgba.png").toFile());

        ImageFolderDataset ds = ImageFolderDataset.open(dir);
        RawImage g = ds.image(0);
        assertThat(ds.id(0)).isEqualTo("gray.png");
        assertThat(g.channels()).isEqualTo(3);
        for (int c = 0; c < 3; c++) {
            assertThat(g.get(c, 0, 1)).isEqualTo(100);
            assertThat(g.get(c, 1, 0)).isEqualTo(255);
            assertThat(g.get(c, 0, 0)).isZero();
            assertThat(ds.image(1).get(c, 1, 1)).isEqualTo(255);
            assertThat(ds.image(1).get(c, 1, 0)).isEqualTo(100);
        }
        RawImage a = ds.image(2);
        assertThat(new int[] {a.get(0, 1, 1), a.get(1, 1, 1), a.get(2, 1, 1)}).containsExactly(0x10, 0x20, 0x30);
    }

    @Test
    void unreadableImagesAreSkippedOrFailInStrictMode() throws IOException {
        writeRgb(dir.resolve("cats/good.png"), 1, 4, 4, "png");
        Path garbage = Files.writeString(dir.resolve("cats/garbage.jpg"), "this is not a JPEG");
        byte[] png = Files.readAllBytes(writeRgb(dir.resolve("dogs/full.png"), 2, 4, 4, "png"));
        Path cut = Files.write(dir.resolve("dogs/cut.png"), Arrays.copyOf(png, 20));

        ImageFolderDataset ds = ImageFolderDataset.open(dir);
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.skipped()).containsExactlyInAnyOrder(garbage, cut);
        assertThat(List.of(ds.id(0), ds.id(1))).containsExactly("cats/good.png", "dogs/full.png");
        assertThat(ds.label(1)).isEqualTo(1);

        assertThatThrownBy(() -> ImageFolderDataset.open(dir, true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unreadable images").hasMessageContaining(garbage.toString())
                .hasMessageContaining(cut.toString()).hasMessageContaining("2 of 4");
    }

    @Test
    void folderOfOnlyUnreadableImagesFailsEvenWhenLenient() throws IOException {
        Files.writeString(dir.resolve("a.png"), "nope");
        assertThatThrownBy(() -> ImageFolderDataset.open(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no readable image").hasMessageContaining("a.png");
    }

    @Test
    void emptyAndMissingFoldersAreRejected() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("readme.txt"), "x");
        assertThatThrownBy(() -> ImageFolderDataset.open(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("is empty");
        assertThatThrownBy(() -> ImageFolderDataset.open(dir.resolve("gone"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("gone").hasMessageContaining("does not exist");
    }

    @Test
    void decodesConcurrently() throws IOException {
        for (int i = 0; i < 8; i++) {
            writeRgb(dir.resolve("c" + (i % 2) + "/" + i + ".png"), i, 5, 5, "png");
        }
        ImageFolderDataset ds = ImageFolderDataset.open(dir);
        IntStream.range(0, 64).parallel().forEach(k -> {
            int i = k % ds.size();
            int seed = Integer.parseInt(ds.id(i).substring(3, ds.id(i).indexOf('.')));
            if (ds.image(i).get(2, 4, 3) != pixel(seed, 2, 4, 3)) {
                throw new AssertionError(ds.id(i));
            }
        });
    }
}
