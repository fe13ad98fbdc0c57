package io.cc4j.data;

import static io.cc4j.data.DataFixtures.pixel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar100DatasetTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeFiles() throws IOException {
        Files.write(dir.resolve("train.bin"), DataFixtures.cifarRecords(0, new int[] {3, 77}, new int[] {19, 99}));
        Files.write(dir.resolve("test.bin"), DataFixtures.cifarRecords(2, new int[] {0, 5}));
    }

    @Test
    void coarseLabelsByDefaultAndPixelsAfterTwoLabelBytes() {
        Cifar100Dataset ds = Cifar100Dataset.open(dir, Split.TRAIN_AND_TEST);
        assertThat(ds.size()).isEqualTo(3);
        assertThat(new int[] {ds.label(0), ds.label(1), ds.label(2)}).containsExactly(3, 19, 0);
        assertThat(ds.classNames()).hasSize(20).startsWith("aquatic_mammals").endsWith("vehicles_2");
        for (int i = 0; i < 3; i++) {
            assertThat(ds.image(i).get(0, 0, 0)).isEqualTo(pixel(i, 0, 0, 0));
            assertThat(ds.image(i).get(2, 30, 1)).isEqualTo(pixel(i, 2, 30, 1));
        }
    }

    @Test
    void fineLabelsOnRequest() {
        Cifar100Dataset ds = Cifar100Dataset.open(dir, Split.TRAIN, Cifar100Dataset.LabelKind.FINE);
        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.label(0)).isEqualTo(77);
        assertThat(ds.label(1)).isEqualTo(99);
        assertThat(ds.classNames()).hasSize(100).doesNotHaveDuplicates();
        // The release lists fine (and coarse) names in alphabetical order.
        assertThat(ds.classNames()).isSorted();
        assertThat(Cifar100Dataset.COARSE_NAMES).isSorted();
        assertThat(ds.classNames().get(77)).isEqualTo("snail");
    }

    @Test
    void outOfRangeLabelsAreRejected() throws IOException {
        Files.write(dir.resolve("test.bin"), DataFixtures.cifarRecords(0, new int[] {20, 5}));
        assertThatThrownBy(() -> Cifar100Dataset.open(dir, Split.TEST)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("coarse label 20 out of range 0..19").hasMessageContaining("test.bin");
        Files.write(dir.resolve("test.bin"), DataFixtures.cifarRecords(0, new int[] {1, 100}));
        assertThatThrownBy(() -> Cifar100Dataset.open(dir, Split.TEST)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("fine label 100 out of range 0..99");
    }

    @Test
    void cifar10SizedFileIsAWrongSize() throws IOException {
        Files.write(dir.resolve("train.bin"), new byte[3 * 3073]);
        assertThatThrownBy(() -> Cifar100Dataset.open(dir, Split.TRAIN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("train.bin").hasMessageContaining("3074-byte record");
    }
}
