package io.cc4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryDatasetTest {
    private static RawImage image(int c, int h, int w, int value) {
        byte[] p = new byte[c * h * w];
        java.util.Arrays.fill(p, (byte) value);
        return new RawImage(c, h, w, p);
    }

    @Test
    void unlabelledImagesKeepTheirOrderAndReportTheCommonShape() {
        List<RawImage> list = new ArrayList<>(List.of(image(3, 4, 5, 1), image(3, 4, 5, 2)));
        InMemoryDataset d = InMemoryDataset.of(list);
        list.clear(); // the dataset holds its own copy of the list

        assertThat(d.size()).isEqualTo(2);
        assertThat(d.image(1).get(0, 0, 0)).isEqualTo(2);
        assertThat(d.shape()).contains(new ImageShape(3, 4, 5));
        assertThat(d.channels()).isEqualTo(3);
        assertThat(d.hasLabels()).isFalse();
        assertThat(d.classNames()).isEmpty();
        assertThat(d.id(1)).isEqualTo("1");
        assertThat(d.description()).isEqualTo("2 in-memory images");
        assertThatThrownBy(() -> d.label(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> d.image(2)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("2");
    }

    @Test
    void imagesOfDifferentSizesHaveNoCommonShapeButOneChannelCount() {
        InMemoryDataset d = InMemoryDataset.of(List.of(image(1, 4, 5, 0), image(1, 6, 5, 0)));
        assertThat(d.shape()).isEmpty();
        assertThat(d.channels()).isEqualTo(1);
        assertThatThrownBy(() -> InMemoryDataset.of(List.of(image(1, 4, 4, 0), image(3, 4, 4, 0))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("image 1");
    }

    @Test
    void labelsAndClassNamesAreCheckedAndCopied() {
        int[] labels = {1, 0};
        InMemoryDataset d = InMemoryDataset.labelled(List.of(image(3, 2, 2, 0), image(3, 2, 2, 0)), labels,
                List.of("cat", "dog")).withDescription("pets");
        labels[0] = 0;

        assertThat(d.hasLabels()).isTrue();
        assertThat(d.label(0)).isEqualTo(1);
        assertThat(d.classNames()).containsExactly("cat", "dog");
        assertThat(d.description()).isEqualTo("pets");
        assertThatThrownBy(() -> InMemoryDataset.labelled(List.of(image(3, 2, 2, 0)), new int[] {0, 1}, List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2 labels for 1");
        assertThatThrownBy(() -> InMemoryDataset.labelled(List.of(image(3, 2, 2, 0)), new int[] {2},
                List.of("cat", "dog"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("label 2");
        assertThatThrownBy(() -> InMemoryDataset.labelled(List.of(image(3, 2, 2, 0)), new int[] {-1}, List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("label -1");
    }
}
