package io.cc4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelFilesTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsPlainTextWithSpacesNegativeIdsAndTrailingNewlines() throws IOException {
        Path p = file("labels.txt", "\uFEFF3\r\n -1 \r\n+7\n\n\n");
        assertThat(LabelFiles.read(p, "label")).containsExactly(3, -1, 7);
    }

    @Test
    void readsTheNamedColumnOfACsvWithQuotedFields() throws IOException {
        Path p = file("assignments.csv",
                "index,id,cluster,confidence,label\n0,\"a,b.png\",4,0.9,1\n1,\"say \"\"hi\"\".png\",2,0.5,0\n");
        assertThat(LabelFiles.read(p, "cluster")).containsExactly(4, 2);
        assertThat(LabelFiles.read(p, "label")).containsExactly(1, 0);
    }

    @Test
    void readsASingleColumnCsvWhoseHeaderIsTheColumnName() throws IOException {
        Path p = file("pred.csv", "cluster\n5\n6\n");
        assertThat(LabelFiles.read(p, "cluster")).containsExactly(5, 6);
    }

    @Test
    void takesLabelsFromThePredictionsCsvWhenNoLabelsFileIsGiven() throws IOException {
        Path p = file("assignments.csv", "index,id,cluster,confidence,label\n0,0,1,0.9,1\n1,1,0,0.8,0\n2,2,1,0.7,0\n");
        LabelFiles.Pair pair = LabelFiles.readPair(null, "label", p, "cluster");
        assertThat(pair.truth()).containsExactly(1, 0, 0);
        assertThat(pair.pred()).containsExactly(1, 0, 1);
        assertThat(pair.scores().n()).isEqualTo(3);
    }

    @Test
    void errorsNameTheFileAndLine() throws IOException {
        Path bad = file("bad.txt", "1\n2\nx3\n");
        assertThatThrownBy(() -> LabelFiles.read(bad, "label")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("line 3").hasMessageContaining("'x3'");

        Path gap = file("gap.txt", "1\n\n2\n");
        assertThatThrownBy(() -> LabelFiles.read(gap, "label")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("gap.txt line 2: empty line");

        Path badCsv = file("bad.csv", "id,cluster\na,1\nb,1.5\n");
        assertThatThrownBy(() -> LabelFiles.read(badCsv, "cluster")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bad.csv line 3 column 'cluster': '1.5' is not an integer");

        Path empty = file("empty.txt", "\n\n");
        assertThatThrownBy(() -> LabelFiles.read(empty, "label")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty.txt is empty");

        Path headerOnly = file("header.csv", "id,cluster\n");
        assertThatThrownBy(() -> LabelFiles.read(headerOnly, "cluster")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("header.csv has a header but no rows");

        Path noColumn = file("nocol.csv", "id,cluster\na,1\n");
        assertThatThrownBy(() -> LabelFiles.read(noColumn, "label")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nocol.csv has no column 'label' (columns: id, cluster)");

        Path shortRow = file("short.csv", "id,cluster\na\n");
        assertThatThrownBy(() -> LabelFiles.read(shortRow, "cluster")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("short.csv line 2");

        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> LabelFiles.read(missing, "label")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("file not found").hasMessageContaining("missing.txt");

        assertThatThrownBy(() -> LabelFiles.read(dir, "label")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void pairsOfDifferentLengthNameBothFiles() throws IOException {
        Path labels = file("l.txt", "0\n1\n2\n");
        Path pred = file("p.txt", "0\n1\n");
        assertThatThrownBy(() -> LabelFiles.readPair(labels, "label", pred, "cluster"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("l.txt has 3 labels").hasMessageContaining("p.txt has 2 predictions");
    }

    @Test
    void labelsFromAPlainPredictionsFileAreRefused() throws IOException {
        Path pred = file("p.txt", "0\n1\n");
        assertThatThrownBy(() -> LabelFiles.readPair(null, "label", pred, "cluster"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("p.txt is plain text");
    }
}
