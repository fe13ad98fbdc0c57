package io.cc4j.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.data.InMemoryDataset;
import io.cc4j.data.RawImage;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssignmentsCsvTest {
    @TempDir
    Path dir;

    @Test
    void readGivesBackWhatWriteWrote() {
        List<RawImage> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add(new RawImage(1, 2, 2, new byte[4]));
        }
        InMemoryDataset data = InMemoryDataset.labelled(images, new int[] {2, 0, 1, 0}, List.of());
        // Rows for images 3, 1 and 0 only, with probabilities: the reader skips the p columns.
        Assignments a = new Assignments(new int[] {3, 1, 0}, new int[] {1, 0, 1}, new float[] {0.75f, 0.5f, 0.625f},
                new float[] {0.25f, 0.75f, 0.5f, 0.5f, 0.375f, 0.625f}, 2, null, 0);
        Path file = RunLayout.of(dir).assignments();
        AssignmentsCsv.write(file, a, data);

        AssignmentsCsv.Rows rows = AssignmentsCsv.read(file);
        assertThat(rows.size()).isEqualTo(3);
        assertThat(rows.indices()).containsExactly(3, 1, 0);
        assertThat(rows.ids()).containsExactly("3", "1", "0");
        assertThat(rows.clusters()).containsExactly(1, 0, 1);
        assertThat(rows.confidences()).containsExactly(0.75, 0.5, 0.625);
        assertThat(rows.labels()).containsExactly(0, 0, 2);
        assertThat(rows.clusterSizes()).containsExactly(1, 2);
        assertThat(rows.contingency()).isDeepEqualTo(new long[][] {{1, 0, 0}, {1, 0, 1}});
    }

    @Test
    void badFilesAreRefusedNamingFileAndLine() throws IOException {
        Path noCluster = dir.resolve("a.csv");
        Files.writeString(noCluster, "index,id,confidence\n0,x,0.5\n");
        assertThatThrownBy(() -> AssignmentsCsv.read(noCluster)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(noCluster.toString()).hasMessageContaining("\"cluster\"");

        Path badRow = dir.resolve("b.csv");
        Files.writeString(badRow, "index,id,cluster,confidence\n0,x,1,0.5\n1,\"open,1,0.5\n");
        assertThatThrownBy(() -> AssignmentsCsv.read(badRow)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(badRow.toString()).hasMessageContaining("line 3");

        Path empty = dir.resolve("c.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> AssignmentsCsv.read(empty)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void anEmptyLabelColumnMeansNoLabels() throws IOException {
        Path file = dir.resolve("a.csv");
        Files.writeString(file, "index,cluster,confidence,label\n0,1,0.5,\n1,0,0.5,\n");
        AssignmentsCsv.Rows rows = AssignmentsCsv.read(file);
        assertThat(rows.hasLabels()).isFalse();
        assertThat(rows.id(1)).isEqualTo("1");
        assertThat(rows.clusterCount()).isEqualTo(2);
    }
}
