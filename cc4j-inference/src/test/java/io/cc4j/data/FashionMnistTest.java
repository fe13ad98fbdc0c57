package io.cc4j.data;

import static io.cc4j.data.DataFixtures.pixel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path dir;

    private void writeDebianLayout(Path d) throws IOException {
        Files.createDirectories(d);
        Files.write(d.resolve("train-images-idx3-ubyte.gz"), DataFixtures.gzip(DataFixtures.idxImages(3, 28, 28)));
        Files.write(d.resolve("train-labels-idx1-ubyte.gz"), DataFixtures.gzip(DataFixtures.idxLabels(9, 0, 4)));
        // Uncompressed test files: both forms are accepted.
        Files.write(d.resolve("t10k-images-idx3-ubyte"), DataFixtures.idxImages(2, 28, 28));
        Files.write(d.resolve("t10k-labels-idx1-ubyte"), DataFixtures.idxLabels(7, 1));
    }

    @Test
    void trainAndTestJoinTrainFirst() throws IOException {
        writeDebianLayout(dir);
        IdxDataset ds = FashionMnist.open(dir, Split.TRAIN_AND_TEST);
        assertThat(ds.size()).isEqualTo(5);
        assertThat(ds.classNames()).isEqualTo(FashionMnist.CLASS_NAMES);
        assertThat(ds.classNames().get(9)).isEqualTo("Ankle boot");
        int[] labels = new int[5];
        for (int i = 0; i < 5; i++) {
            labels[i] = ds.label(i);
        }
        assertThat(labels).containsExactly(9, 0, 4, 7, 1);
        // Image 3 of the join is image 0 of t10k.
        assertThat(ds.image(3).get(0, 20, 21)).isEqualTo(pixel(0, 0, 20, 21));
        assertThat(ds.image(2).get(0, 20, 21)).isEqualTo(pixel(2, 0, 20, 21));
        assertThat(FashionMnist.open(dir, Split.TEST).size()).isEqualTo(2);
        assertThat(FashionMnist.open(dir, Split.TRAIN).size()).isEqualTo(3);
    }

    @Test
    void labelTenIsOutOfRange() throws IOException {
        writeDebianLayout(dir);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), DataFixtures.idxLabels(7, 10));
        assertThatThrownBy(() -> FashionMnist.open(dir, Split.TEST)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("label 10 out of range 0..9").hasMessageContaining("t10k-labels-idx1-ubyte");
    }

    @Test
    void missingFileIsNamed() throws IOException {
        writeDebianLayout(dir);
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        assertThatThrownBy(() -> FashionMnist.open(dir, Split.TRAIN)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing file").hasMessageContaining("train-labels-idx1-ubyte.gz");
    }

    @Test
    void defaultDirectoryIsTheFirstCandidateWithTheFiles() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("a"));
        Path full = dir.resolve("b/usr/share/datasets/fashion-mnist");
        writeDebianLayout(full);
        assertThat(FashionMnist.firstComplete(List.of(empty, dir.resolve("missing"), full))).contains(full);
        assertThat(FashionMnist.firstComplete(List.of(empty))).isEmpty();
        assertThat(FashionMnist.candidateDirectories()).hasSize(2);
        assertThat(FashionMnist.candidateDirectories().get(0)).isEqualTo(Path.of("/usr/share/datasets/fashion-mnist"));
        assertThat(FashionMnist.candidateDirectories().get(1).toString())
                .endsWith("cc4j/fashion-mnist/usr/share/datasets/fashion-mnist");
    }
}
