package io.cc4j.data;

import static io.cc4j.data.DataFixtures.pixel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {
    @TempDir
    Path dir;

    @Test
    void plainFilesDecodeRowMajorGrayscale() throws IOException {
        Path images = Files.write(dir.resolve("img-idx3-ubyte"), DataFixtures.idxImages(4, 5, 7));
        Path labels = Files.write(dir.resolve("lab-idx1-ubyte"), DataFixtures.idxLabels(3, 0, 200, 9));
        IdxDataset ds = IdxDataset.open(images, labels);
        assertThat(ds.size()).isEqualTo(4);
        assertThat(ds.shape()).contains(new ImageShape(1, 5, 7));
        assertThat(ds.channels()).isEqualTo(1);
        assertThat(ds.label(2)).isEqualTo(200);
        assertThat(ds.classNames()).isEmpty();
        RawImage img = ds.image(3);
        assertThat(img.get(0, 4, 6)).isEqualTo(pixel(3, 0, 4, 6));
        assertThat(img.get(0, 1, 2)).isEqualTo(pixel(3, 0, 1, 2));
    }

    @Test
    void gzipFilesAreRecognisedByContent() throws IOException {
        Path images = Files.write(dir.resolve("img.gz"), DataFixtures.gzip(DataFixtures.idxImages(3, 28, 28)));
        Path labels = Files.write(dir.resolve("lab"), DataFixtures.gzip(DataFixtures.idxLabels(1, 2, 3)));
        IdxDataset ds = IdxDataset.open(images, labels);
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.image(1).get(0, 27, 13)).isEqualTo(pixel(1, 0, 27, 13));
        assertThat(ds.label(2)).isEqualTo(3);
    }

    @Test
    void imagesWithoutLabels() throws IOException {
        Path images = Files.write(dir.resolve("img"), DataFixtures.idxImages(2, 3, 3));
        IdxDataset ds = IdxDataset.open(images, null);
        assertThat(ds.hasLabels()).isFalse();
        assertThat(ds.size()).isEqualTo(2);
    }

    @Test
    void wrongMagicNumberIsNamed() throws IOException {
        Path labels = Files.write(dir.resolve("lab"), DataFixtures.idxLabels(1, 2));
        // A labels file given as images: magic 0x00000801 instead of 0x00000803.
        assertThatThrownBy(() -> IdxDataset.open(labels, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("wrong IDX magic number 0x00000801").hasMessageContaining(labels.toString())
                .hasMessageContaining("0x00000803");
        Path text = Files.writeString(dir.resolve("text.gz"), "hello world, not idx");
        assertThatThrownBy(() -> IdxDataset.open(text, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("wrong IDX magic number").hasMessageContaining("text.gz");
    }

    @Test
    void sizeNotMatchingTheHeaderIsRejected() throws IOException {
        byte[] full = DataFixtures.idxImages(3, 4, 4);
        Path truncated = Files.write(dir.resolve("trunc"), Arrays.copyOf(full, full.length - 5));
        assertThatThrownBy(() -> IdxDataset.open(truncated, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("trunc").hasMessageContaining("3 items of 4x4")
                .hasMessageContaining("(truncated)");
        Path longer = Files.write(dir.resolve("long.gz"), DataFixtures.gzip(Arrays.copyOf(full, full.length + 16)));
        assertThatThrownBy(() -> IdxDataset.open(longer, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("long.gz").hasMessageContaining("wrong size");
        Path tiny = Files.write(dir.resolve("tiny"), new byte[] {0, 0});
        assertThatThrownBy(() -> IdxDataset.open(tiny, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("tiny").hasMessageContaining("truncated");
    }

    @Test
    void imageLabelCountMismatchIsRejected() throws IOException {
        Path images = Files.write(dir.resolve("img"), DataFixtures.idxImages(3, 2, 2));
        Path labels = Files.write(dir.resolve("lab"), DataFixtures.idxLabels(1, 2));
        assertThatThrownBy(() -> IdxDataset.open(images, labels)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("count mismatch").hasMessageContaining("3 images")
                .hasMessageContaining("2 labels");
    }

    @Test
    void corruptGzipIsNamed() throws IOException {
        byte[] gz = DataFixtures.gzip(DataFixtures.idxImages(50, 8, 8));
        Path broken = Files.write(dir.resolve("broken.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> IdxDataset.open(broken, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("corrupt gzip file").hasMessageContaining("broken.gz");
    }

    @Test
    void aGzipFileDeclaringHugeSizesIsRefusedWithoutAllocatingThem() throws IOException {
        // A 100-byte gzip file whose header declares 2 billion images of 28x28 (1.5 TB).
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(raw))) {
            out.writeInt(0x00000803);
            out.writeInt(2_000_000_000);
            out.writeInt(28);
            out.writeInt(28);
            out.write(new byte[50]);
        }
        Path f = Files.write(dir.resolve("huge-images.gz"), raw.toByteArray());
        assertThatThrownBy(() -> IdxDataset.open(f, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("too large to decompress into memory");
        // Declaring less than 2 GB but holding far less: a wrong size, found after reading only what is there.
        raw.reset();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(raw))) {
            out.writeInt(0x00000803);
            out.writeInt(2_000_000);
            out.writeInt(28);
            out.writeInt(28);
            out.write(new byte[50]);
        }
        Path g = Files.write(dir.resolve("short-images.gz"), raw.toByteArray());
        assertThatThrownBy(() -> IdxDataset.open(g, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(g.toString()).hasMessageContaining("truncated");
    }
}
