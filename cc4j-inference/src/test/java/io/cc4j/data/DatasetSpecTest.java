package io.cc4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSpecTest {
    @TempDir
    Path dir;

    @Test
    void parsesKindAndArgumentAndPrintsTheSpecBack() {
        DatasetSpec s = DatasetSpec.parse("CIFAR10-Train:/data/cifar-10-batches-bin");
        assertThat(s.kind()).isEqualTo("cifar10-train");
        assertThat(s.argument()).isEqualTo("/data/cifar-10-batches-bin");
        assertThat(s).hasToString("cifar10-train:/data/cifar-10-batches-bin");
        assertThat(DatasetSpec.parse(s.toString())).isEqualTo(s);
        assertThat(DatasetSpec.parse("idx:a.gz,b.gz").argument()).isEqualTo("a.gz,b.gz");
        assertThat(DatasetSpec.parse("fashion-mnist")).hasToString("fashion-mnist");
    }

    @Test
    void aClassFilterKeepsTheImagesOfThoseClassesWithTheirLabels() throws IOException {
        String tiny = io.cc4j.testing.TinyIdx.write(dir.resolve("tiny"), 60, 8, 6, 1); // labels i % 6
        DatasetSpec s = DatasetSpec.parse(tiny + "@classes=1-2,5");
        assertThat(s.classes()).contains("1-2,5");
        assertThat(s.argument()).doesNotContain("@");
        assertThat(DatasetSpec.parse(s.toString())).isEqualTo(s);
        assertThat(s).isNotEqualTo(DatasetSpec.parse(tiny));
        try (ImageDataset d = s.open(); ImageDataset all = DatasetSpec.open(tiny)) {
            assertThat(d.size()).isEqualTo(30);
            for (int i = 0; i < d.size(); i++) {
                assertThat(d.label(i)).isIn(1, 2, 5);
            }
            ClassSubsetDataset subset = (ClassSubsetDataset) d;
            assertThat(subset.classes()).containsExactly(1, 2, 5);
            assertThat(d.image(0).pixels()).isEqualTo(all.image(1).pixels());
            assertThat(d.id(0)).isEqualTo(all.id(1));
            assertThat(d.description()).startsWith("classes 1, 2, 5 (30 images) of ");
        }
        assertThatThrownBy(() -> DatasetSpec.open(tiny + "@classes=7")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("class 7 is not a label of").hasMessageContaining("(labels 0 to 5)");
        assertThatThrownBy(() -> DatasetSpec.open(tiny + "@classes=boots")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'boots' is no class of");
        assertThatThrownBy(() -> DatasetSpec.parse(tiny + "@classes=")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty class list");
        assertThatThrownBy(() -> DatasetSpec.open(tiny + "@classes=4-2")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("runs backwards");
    }

    @Test
    void everyDocumentedKindIsKnown() {
        assertThat(DatasetSpec.knownKinds().keySet()).contains("cifar10", "cifar10-train", "cifar10-test",
                "cifar100", "cifar100-fine", "cifar100-train", "cifar100-test", "stl10", "stl10-train",
                "stl10-test", "stl10-unlabeled", "idx", "fashion-mnist", "fashion-mnist-train",
                "fashion-mnist-test", "folder");
    }

    @Test
    void unknownKindListsTheKnownOnes() {
        assertThatThrownBy(() -> DatasetSpec.parse("imagenet:/x")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'imagenet:/x'").hasMessageContaining("cifar10, ")
                .hasMessageContaining("folder");
        assertThatThrownBy(() -> DatasetSpec.parse("/just/a/path")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("known kinds");
    }

    @Test
    void missingPathIsRejected() {
        assertThatThrownBy(() -> DatasetSpec.parse("cifar10:")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs a path").hasMessageContaining("cifar10:DIR");
        assertThatThrownBy(() -> DatasetSpec.parse("idx")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("idx:IMAGES_FILE[,LABELS_FILE]");
    }

    @Test
    void opensEachFamily() throws IOException {
        DataFixtures.writeCifar10(dir.resolve("c10"), 1);
        assertThat(DatasetSpec.open("cifar10:" + dir.resolve("c10")).size()).isEqualTo(6);
        assertThat(DatasetSpec.open("cifar10-train:" + dir.resolve("c10")).size()).isEqualTo(5);
        assertThat(DatasetSpec.open("cifar10-test:" + dir.resolve("c10")).size()).isEqualTo(1);

        Files.createDirectories(dir.resolve("c100"));
        Files.write(dir.resolve("c100/train.bin"), DataFixtures.cifarRecords(0, new int[] {4, 44}));
        Files.write(dir.resolve("c100/test.bin"), DataFixtures.cifarRecords(1, new int[] {5, 55}));
        ImageDataset coarse = DatasetSpec.open("cifar100:" + dir.resolve("c100"));
        assertThat(coarse.size()).isEqualTo(2);
        assertThat(coarse.label(1)).isEqualTo(5);
        assertThat(DatasetSpec.open("cifar100-fine:" + dir.resolve("c100")).label(1)).isEqualTo(55);
        assertThat(DatasetSpec.open("cifar100-fine-test:" + dir.resolve("c100")).label(0)).isEqualTo(55);

        Path stl = Files.createDirectories(dir.resolve("stl"));
        Files.write(stl.resolve("train_X.bin"), DataFixtures.stlImages(0, 1));
        Files.write(stl.resolve("train_y.bin"), new byte[] {2});
        Files.write(stl.resolve("test_X.bin"), DataFixtures.stlImages(1, 1));
        Files.write(stl.resolve("test_y.bin"), new byte[] {3});
        Files.write(stl.resolve("unlabeled_X.bin"), DataFixtures.stlImages(2, 2));
        assertThat(DatasetSpec.open("stl10:" + stl).size()).isEqualTo(2);
        assertThat(DatasetSpec.open("stl10-test:" + stl).label(0)).isEqualTo(2);
        assertThat(DatasetSpec.open("stl10-unlabeled:" + stl).hasLabels()).isFalse();

        Path img = Files.write(dir.resolve("img"), DataFixtures.idxImages(2, 3, 3));
        Path lab = Files.write(dir.resolve("lab"), DataFixtures.idxLabels(4, 5));
        assertThat(DatasetSpec.open("idx:" + img + "," + lab).label(1)).isEqualTo(5);
        assertThat(DatasetSpec.open("idx:" + img).hasLabels()).isFalse();

        Path fm = Files.createDirectories(dir.resolve("fm"));
        Files.write(fm.resolve("train-images-idx3-ubyte.gz"), DataFixtures.gzip(DataFixtures.idxImages(2, 28, 28)));
        Files.write(fm.resolve("train-labels-idx1-ubyte.gz"), DataFixtures.gzip(DataFixtures.idxLabels(1, 2)));
        Files.write(fm.resolve("t10k-images-idx3-ubyte.gz"), DataFixtures.gzip(DataFixtures.idxImages(1, 28, 28)));
        Files.write(fm.resolve("t10k-labels-idx1-ubyte.gz"), DataFixtures.gzip(DataFixtures.idxLabels(3)));
        assertThat(DatasetSpec.open("fashion-mnist:" + fm).size()).isEqualTo(3);
        assertThat(DatasetSpec.open("fashion-mnist-train:" + fm).size()).isEqualTo(2);
        assertThat(DatasetSpec.open("fashion-mnist-test:" + fm).classNames()).isEqualTo(FashionMnist.CLASS_NAMES);

        DataFixtures.writeRgb(dir.resolve("f/x/1.png"), 0, 2, 2, "png");
        Files.writeString(dir.resolve("f/x/2.png"), "broken");
        assertThat(DatasetSpec.open("folder:" + dir.resolve("f")).size()).isEqualTo(1);
        assertThatThrownBy(() -> DatasetSpec.parse("folder:" + dir.resolve("f")).open(true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("2.png");
    }

    @Test
    void malformedIdxArgumentIsRejected() {
        assertThatThrownBy(() -> DatasetSpec.open("idx:a,b,c")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("idx:a,b,c");
        assertThatThrownBy(() -> DatasetSpec.open("idx:a,")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("IMAGES_FILE[,LABELS_FILE]");
    }
}
