package io.cc4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.data.DatasetSummary.ClassCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSummaryTest {
    @TempDir
    Path dir;

    @Test
    void countsEveryClassIncludingEmptyOnes() throws IOException {
        DataFixtures.writeCifar10(dir, 2);
        // Fixture labels: image i has label i % 10, 12 images: labels 0 and 1 twice, others once.
        DatasetSummary s = DatasetSummary.of(Cifar10Dataset.open(dir, Split.TRAIN_AND_TEST));
        assertThat(s.size()).isEqualTo(12);
        assertThat(s.labelled()).isTrue();
        assertThat(s.shape()).contains(new ImageShape(3, 32, 32));
        assertThat(s.classes()).hasSize(10);
        assertThat(s.classes().get(0)).isEqualTo(new ClassCount(0, "airplane", 2));
        assertThat(s.classes().get(9)).isEqualTo(new ClassCount(9, "truck", 1));
        assertThat(s.classes().stream().mapToInt(ClassCount::count).sum()).isEqualTo(12);
    }

    @Test
    void unnamedLabelsUseTheirNumberAndUnlabelledHasNoClasses() throws IOException {
        Path img = Files.write(dir.resolve("i"), DataFixtures.idxImages(3, 2, 2));
        Path lab = Files.write(dir.resolve("l"), DataFixtures.idxLabels(3, 3, 1));
        DatasetSummary s = DatasetSummary.of(IdxDataset.open(img, lab));
        assertThat(s.classes()).containsExactly(new ClassCount(0, "0", 0), new ClassCount(1, "1", 1),
                new ClassCount(2, "2", 0), new ClassCount(3, "3", 2));
        assertThat(DatasetSummary.of(IdxDataset.open(img, null)).classes()).isEmpty();
    }
}
