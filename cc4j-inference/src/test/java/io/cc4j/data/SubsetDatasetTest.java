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

class SubsetDatasetTest {
    @TempDir
    Path dir;
    private IdxDataset parent;

    @BeforeEach
    void open() throws IOException {
        Path img = Files.write(dir.resolve("i"), DataFixtures.idxImages(10, 2, 2));
        Path lab = Files.write(dir.resolve("l"), DataFixtures.idxLabels(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        parent = IdxDataset.open(img, lab);
    }

    @Test
    void picksTheGivenIndicesInOrder() {
        SubsetDataset s = SubsetDataset.of(parent, new int[] {7, 2, 7});
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.label(0)).isEqualTo(7);
        assertThat(s.label(1)).isEqualTo(2);
        assertThat(s.image(1).get(0, 1, 1)).isEqualTo(pixel(2, 0, 1, 1));
        assertThat(s.id(0)).isEqualTo("7");
        assertThat(s.parentIndex(2)).isEqualTo(7);
        assertThat(s.shape()).isEqualTo(parent.shape());
    }

    @Test
    void firstAndEvenlySpaced() {
        assertThat(SubsetDataset.first(parent, 3).parentIndex(2)).isEqualTo(2);
        assertThat(SubsetDataset.first(parent, 50).size()).isEqualTo(10);
        SubsetDataset even = SubsetDataset.evenlySpaced(parent, 4);
        assertThat(new int[] {even.parentIndex(0), even.parentIndex(1), even.parentIndex(2), even.parentIndex(3)})
                .containsExactly(0, 2, 5, 7);
        assertThat(SubsetDataset.evenlySpaced(parent, 100).parentIndex(9)).isEqualTo(9);
    }

    @Test
    void outOfRangeIndexIsNamed() {
        assertThatThrownBy(() -> SubsetDataset.of(parent, new int[] {1, 10}))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("subset index 10");
        assertThatThrownBy(() -> SubsetDataset.first(parent, -1)).isInstanceOf(InvalidInputException.class);
    }
}
