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

class Stl10DatasetTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeFiles() throws IOException {
        Files.write(dir.resolve("train_X.bin"), DataFixtures.stlImages(0, 2));
        Files.write(dir.resolve("train_y.bin"), new byte[] {1, 10});
        Files.write(dir.resolve("test_X.bin"), DataFixtures.stlImages(2, 1));
        Files.write(dir.resolve("test_y.bin"), new byte[] {4});
        Files.write(dir.resolve("unlabeled_X.bin"), DataFixtures.stlImages(5, 3));
    }

    @Test
    void columnMajorPlanesAreTransposedToRowMajor() {
        Stl10Dataset ds = Stl10Dataset.open(dir, Split.TRAIN_AND_TEST);
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.shape()).contains(new ImageShape(3, 96, 96));
        for (int i = 0; i < 3; i++) {
            RawImage img = ds.image(i);
            for (int[] p : new int[][] {{0, 0, 1}, {0, 1, 0}, {1, 10, 70}, {2, 95, 3}, {2, 3, 95}}) {
                assertThat(img.get(p[0], p[1], p[2])).isEqualTo(pixel(i, p[0], p[1], p[2]));
            }
        }
    }

    @Test
    void labelsOneToTenBecomeZeroToNine() {
        Stl10Dataset ds = Stl10Dataset.open(dir, Split.TRAIN_AND_TEST);
        assertThat(new int[] {ds.label(0), ds.label(1), ds.label(2)}).containsExactly(0, 9, 3);
        assertThat(ds.classNames()).hasSize(10).startsWith("airplane");
        assertThat(Stl10Dataset.open(dir, Split.TEST).label(0)).isEqualTo(3);
    }

    @Test
    void unlabeledSplitHasNoLabels() {
        Stl10Dataset ds = Stl10Dataset.openUnlabeled(dir);
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.hasLabels()).isFalse();
        assertThat(ds.image(2).get(1, 40, 7)).isEqualTo(pixel(7, 1, 40, 7));
        assertThatThrownBy(() -> ds.label(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void labelOutsideOneToTenIsRejected() throws IOException {
        Files.write(dir.resolve("train_y.bin"), new byte[] {0, 3});
        assertThatThrownBy(() -> Stl10Dataset.open(dir, Split.TRAIN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("label 0 out of range 1..10").hasMessageContaining("train_y.bin");
        Files.write(dir.resolve("train_y.bin"), new byte[] {3, 11});
        assertThatThrownBy(() -> Stl10Dataset.open(dir, Split.TRAIN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("label 11").hasMessageContaining("record 1");
    }

    @Test
    void imageLabelCountMismatchIsRejected() throws IOException {
        Files.write(dir.resolve("test_y.bin"), new byte[] {4, 5});
        assertThatThrownBy(() -> Stl10Dataset.open(dir, Split.TEST)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("count mismatch").hasMessageContaining("test_X.bin")
                .hasMessageContaining("test_y.bin");
    }

    @Test
    void wronglySizedImageFileAndMissingLabelsAreRejected() throws IOException {
        Files.write(dir.resolve("test_X.bin"), new byte[27648 + 96]);
        assertThatThrownBy(() -> Stl10Dataset.open(dir, Split.TEST)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("test_X.bin").hasMessageContaining("27648-byte record");
        Files.delete(dir.resolve("train_y.bin"));
        assertThatThrownBy(() -> Stl10Dataset.open(dir, Split.TRAIN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing file").hasMessageContaining("train_y.bin");
    }
}
