package io.cc4j.data;

import static io.cc4j.data.DataFixtures.pixel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10DatasetTest {
    @TempDir
    Path tmp;

    @Test
    void trainAndTestJoinsSixBatchesWithPixelsAtTheirChannelRowColumn() throws IOException {
        Path dir = tmp.resolve("cifar-10-batches-bin");
        DataFixtures.writeCifar10(dir, 3);
        Cifar10Dataset ds = Cifar10Dataset.open(dir, Split.TRAIN_AND_TEST);
        assertThat(ds.size()).isEqualTo(18);
        assertThat(ds.shape()).contains(new ImageShape(3, 32, 32));
        assertThat(ds.channels()).isEqualTo(3);
        assertThat(ds.classNames()).isEqualTo(Cifar10Dataset.CLASS_NAMES);
        for (int i : new int[] {0, 4, 14, 15, 17}) {
            RawImage img = ds.image(i);
            assertThat(ds.label(i)).isEqualTo(i % 10);
            for (int[] p : new int[][] {{0, 0, 0}, {0, 5, 17}, {1, 31, 2}, {2, 9, 31}, {2, 31, 31}}) {
                assertThat(img.get(p[0], p[1], p[2])).as("image %d at %s", i, List.of(p[0], p[1], p[2]))
                        .isEqualTo(pixel(i, p[0], p[1], p[2]));
            }
        }
        assertThat(ds.id(17)).isEqualTo("17");
        assertThat(ds.description()).contains("CIFAR-10").contains("train+test");
    }

    @Test
    void splitsSelectTheirBatches() throws IOException {
        DataFixtures.writeCifar10(tmp, 2);
        assertThat(Cifar10Dataset.open(tmp, Split.TRAIN).size()).isEqualTo(10);
        Cifar10Dataset test = Cifar10Dataset.open(tmp, Split.TEST);
        assertThat(test.size()).isEqualTo(2);
        // Test batch holds images 10 and 11 of the fixture.
        assertThat(test.image(1).get(2, 3, 4)).isEqualTo(pixel(11, 2, 3, 4));
        assertThat(test.label(1)).isEqualTo(1);
    }

    @Test
    void parentOfTheArchiveFolderIsAccepted() throws IOException {
        DataFixtures.writeCifar10(tmp.resolve("cifar-10-batches-bin"), 1);
        assertThat(Cifar10Dataset.open(tmp, Split.TRAIN_AND_TEST).size()).isEqualTo(6);
    }

    @Test
    void classNamesComeFromBatchesMetaWhenPresent() throws IOException {
        DataFixtures.writeCifar10(tmp, 1);
        List<String> names = IntStream.range(0, 10).mapToObj(i -> "c" + i).toList();
        Files.writeString(tmp.resolve("batches.meta.txt"), String.join("\n", names) + "\n\n");
        assertThat(Cifar10Dataset.open(tmp, Split.TEST).classNames()).isEqualTo(names);
        Files.writeString(tmp.resolve("batches.meta.txt"), "a\nb\n");
        assertThatThrownBy(() -> Cifar10Dataset.open(tmp, Split.TEST)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("batches.meta.txt").hasMessageContaining("2 class names");
    }

    @Test
    void concurrentReadsMatchSequentialReads() throws IOException {
        DataFixtures.writeCifar10(tmp, 4);
        Cifar10Dataset ds = Cifar10Dataset.open(tmp, Split.TRAIN_AND_TEST);
        IntStream.range(0, 240).parallel().forEach(k -> {
            int i = k % ds.size();
            if (ds.image(i).get(1, 7, 9) != pixel(i, 1, 7, 9)) {
                throw new AssertionError("image " + i);
            }
        });
    }

    @Test
    void missingBatchIsNamed() throws IOException {
        DataFixtures.writeCifar10(tmp, 1);
        Files.delete(tmp.resolve("data_batch_3.bin"));
        assertThatThrownBy(() -> Cifar10Dataset.open(tmp, Split.TRAIN_AND_TEST))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing file")
                .hasMessageContaining("data_batch_3.bin");
        assertThatThrownBy(() -> Cifar10Dataset.open(tmp.resolve("absent"), Split.TEST))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not exist")
                .hasMessageContaining("absent");
    }

    @Test
    void truncatedBatchIsRejected() throws IOException {
        DataFixtures.writeCifar10(tmp, 2);
        Path batch = tmp.resolve("data_batch_2.bin");
        byte[] b = Files.readAllBytes(batch);
        Files.write(batch, java.util.Arrays.copyOf(b, b.length - 100));
        assertThatThrownBy(() -> Cifar10Dataset.open(tmp, Split.TRAIN))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("data_batch_2.bin")
                .hasMessageContaining("3073-byte record");
    }

    @Test
    void labelAboveNineIsRejectedWithFileAndRecord() throws IOException {
        DataFixtures.writeCifar10(tmp, 3);
        Path test = tmp.resolve("test_batch.bin");
        byte[] b = Files.readAllBytes(test);
        b[2 * 3073] = 10;
        Files.write(test, b);
        assertThatThrownBy(() -> Cifar10Dataset.open(tmp, Split.TRAIN_AND_TEST))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("label 10 out of range 0..9").hasMessageContaining("test_batch.bin")
                .hasMessageContaining("record 2");
    }
}
