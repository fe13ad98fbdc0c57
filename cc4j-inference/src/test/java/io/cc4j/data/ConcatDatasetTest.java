package io.cc4j.data;

import static io.cc4j.data.DataFixtures.pixel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcatDatasetTest {
    @TempDir
    Path dir;

    @Test
    void joinsInOrderKeepingLabelsAndRenumberingIndexIds() throws IOException {
        DataFixtures.writeCifar10(dir, 2);
        Cifar10Dataset train = Cifar10Dataset.open(dir, Split.TRAIN);
        Cifar10Dataset test = Cifar10Dataset.open(dir, Split.TEST);
        ConcatDataset all = ConcatDataset.of(test, train);
        assertThat(all.size()).isEqualTo(12);
        assertThat(all.hasLabels()).isTrue();
        assertThat(all.classNames()).isEqualTo(Cifar10Dataset.CLASS_NAMES);
        assertThat(all.shape()).contains(new ImageShape(3, 32, 32));
        // Index 2 is train image 0 (fixture image 0); index 1 is test image 1 (fixture image 11).
        assertThat(all.image(2).get(0, 1, 2)).isEqualTo(pixel(0, 0, 1, 2));
        assertThat(all.image(1).get(0, 1, 2)).isEqualTo(pixel(11, 0, 1, 2));
        assertThat(all.label(1)).isEqualTo(1);
        assertThat(all.id(5)).isEqualTo("5");
        assertThat(all.parts()).containsExactly(test, train);
    }

    @Test
    void labelsDropWhenAPartHasNoneAndShapeVaries() throws IOException {
        Path img = Files.write(dir.resolve("a"), DataFixtures.idxImages(2, 3, 3));
        Path lab = Files.write(dir.resolve("b"), DataFixtures.idxLabels(0, 1));
        Path other = Files.write(dir.resolve("c"), DataFixtures.idxImages(1, 4, 4));
        ConcatDataset mixed = ConcatDataset.of(IdxDataset.open(img, lab), IdxDataset.open(other, null));
        assertThat(mixed.hasLabels()).isFalse();
        assertThat(mixed.shape()).isEmpty();
        assertThat(mixed.image(2).height()).isEqualTo(4);
        assertThatThrownBy(() -> mixed.label(0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void differentChannelCountsAreRejected() throws IOException {
        DataFixtures.writeCifar10(dir, 1);
        Path img = Files.write(dir.resolve("gray"), DataFixtures.idxImages(2, 3, 3));
        assertThatThrownBy(() -> ConcatDataset.of(Cifar10Dataset.open(dir, Split.TEST), IdxDataset.open(img, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("different channel counts")
                .hasMessageContaining("gray");
    }
}
