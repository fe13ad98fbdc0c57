package io.cc4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ConcatDataset;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageGrid;
import io.cc4j.inference.AssignmentsCsv;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final Pattern IMG_SRC = Pattern.compile("<img src=\"([^\"]+)\"");
    private static ImageDataset dataset;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeDataset() {
        dataset = SyntheticRun.dataset(300, 1);
    }

    @Test
    void writesEveryFigureAndLinksEachFromThePage() throws IOException {
        Path run = SyntheticRun.write(tmp.resolve("run"), dataset, true);

        Path index = ReportWriter.write(run, dataset, null);

        assertThat(index).isEqualTo(run.resolve("report/index.html"));
        String html = Files.readString(index);
        List<String> pngs = pngsIn(run.resolve("report"));
        assertThat(pngs).contains("loss.png", "scores.png", "confusion.png", "sizes.png");
        for (int c = 0; c < 10; c++) {
            assertThat(pngs).contains(String.format("cluster-%03d-top.png", c),
                    String.format("cluster-%03d-low.png", c));
        }
        for (String png : pngs) {
            BufferedImage img = ImageIO.read(run.resolve("report").resolve(png).toFile());
            assertThat(img).as(png).isNotNull();
            assertThat(img.getWidth()).as(png).isGreaterThan(40);
            assertThat(html).as("page links " + png).contains("src=\"" + png + "\"");
        }
        assertThat(linkedImages(html)).containsExactlyInAnyOrderElementsOf(pngs);
        assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
        assertThat(html).doesNotContain("could not be shown");
        // Tables: summary results, flattened configuration, timing, cluster captions.
        assertThat(html).contains("k-means on raw pixels", "0.612", "augment.crop.min_scale", "learning_rate",
                "train_seconds", "2 min 18 s", "images per second (mean)");
        assertThat(html).containsPattern("Cluster \\d+ · \\d+ images · [a-z ]+ \\(\\d+\\.\\d% pure\\)");
    }

    @Test
    void galleriesShowTheMostConfidentMembersOfEachCluster() throws IOException {
        Path run = SyntheticRun.write(tmp.resolve("run"), dataset, true);
        ReportWriter.builder(run).optDataset(dataset).optMostConfident(4).optLeastConfident(2).build().write();

        AssignmentsCsv.Rows a = AssignmentsCsv.read(run.resolve("assignments.csv"));
        int cluster = a.cluster(0);
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (a.cluster(i) == cluster) {
                members.add(i);
            }
        }
        members.sort((x, y) -> Double.compare(a.confidence(y), a.confidence(x)));
        BufferedImage top = ImageIO.read(run.resolve(String.format("report/cluster-%03d-top.png", cluster)).toFile());
        // The grid's first cell shows the most confident member, enlarged 2x (32 px -> 64 px cells).
        BufferedImage expected = ImageGrid.toBufferedImage(dataset.image(a.index(members.get(0))));
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                assertThat(top.getRGB(2 + 2 * x, 2 + 2 * y) & 0xFFFFFF).isEqualTo(expected.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(top.getWidth()).isEqualTo(4 * 64 + 5 * 2);
    }

    @Test
    void missingMetricsStillRendersTheRestAndSaysWhatIsMissing() throws IOException {
        Path run = SyntheticRun.write(tmp.resolve("run"), dataset, true);
        Files.delete(run.resolve("metrics.jsonl"));

        String html = Files.readString(ReportWriter.write(run, dataset, null));

        assertThat(html).contains("metrics.jsonl is missing");
        assertThat(run.resolve("report/loss.png")).doesNotExist();
        assertThat(run.resolve("report/confusion.png")).exists();
        assertThat(linkedImages(html)).containsExactlyInAnyOrderElementsOf(pngsIn(run.resolve("report")));
    }

    @Test
    void corruptAssignmentsAndTruncatedMetricsAreReportedWithTheirLine() throws IOException {
        Path run = SyntheticRun.write(tmp.resolve("run"), dataset, true);
        Files.writeString(run.resolve("assignments.csv"), "index,id,cluster,confidence\n0,0,3,0.9\n1,1,x,0.5\n");
        Files.writeString(run.resolve("metrics.jsonl"), "{\"epoch\":1,\"instance_loss\":5.0,\"cluster_loss\":2.0,"
                + "\"total_loss\":7.0}\n{\"epoch\":2,\"instance_lo");

        String html = Files.readString(ReportWriter.write(run, dataset, null));

        assertThat(html).contains("assignments.csv is unreadable", "line 3", "metrics.jsonl line 2 skipped");
        assertThat(run.resolve("report/loss.png")).exists();
        assertThat(run.resolve("report/sizes.png")).doesNotExist();
        assertThat(html).contains("No cluster figures");
    }

    @Test
    void withoutDatasetOrLabelsDrawsNoGridsAndNoConfusionMatrix() throws IOException {
        Path run = SyntheticRun.write(tmp.resolve("run"), dataset, false);

        String html = Files.readString(ReportWriter.write(run, null, null));

        List<String> pngs = pngsIn(run.resolve("report"));
        assertThat(pngs).containsExactlyInAnyOrder("loss.png", "sizes.png");
        assertThat(html).contains("image grids omitted", "has no labels", "No evaluation scores");
        assertThat(linkedImages(html)).containsExactlyInAnyOrderElementsOf(pngs);
    }

    @Test
    void rewritingRemovesOnlyItsOwnFiguresThatThePageNoLongerShows() throws IOException {
        Path run = SyntheticRun.write(tmp.resolve("run"), dataset, true);
        ReportWriter.write(run, dataset, null);
        Path mine = Files.writeString(run.resolve("report/my-notes.png"), "not a figure of the writer");

        String html = Files.readString(ReportWriter.write(run, null, null));

        assertThat(mine).exists();
        assertThat(pngsIn(run.resolve("report"))).containsExactlyInAnyOrder("loss.png", "scores.png", "confusion.png",
                "sizes.png", "my-notes.png");
        assertThat(linkedImages(html)).containsExactlyInAnyOrder("loss.png", "scores.png", "confusion.png",
                "sizes.png");
    }

    @Test
    void missingRunDirectoryIsInvalidInputNamingIt() {
        Path missing = tmp.resolve("no-such-run");
        assertThatThrownBy(() -> ReportWriter.write(missing, null, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void assignmentsBeyondTheDatasetSkipTheGridsWithANote() throws IOException {
        Path run = SyntheticRun.write(tmp.resolve("run"), dataset, true);
        String html = Files.readString(ReportWriter.write(run, SyntheticRun.dataset(50, 1), null));
        assertThat(html).contains("image grids skipped", "has only 50 images");
        assertThat(pngsIn(run.resolve("report"))).noneMatch(p -> p.startsWith("cluster-"));
    }

    @Test
    void opensAndJoinsTheDatasetsNamedInTheConfigWhenAsked() throws IOException {
        Path images = SyntheticRun.writeFolder(tmp.resolve("images"), dataset, 30);
        String spec = "folder:" + images;
        ImageDataset joined = ConcatDataset.of(DatasetSpec.open(spec), DatasetSpec.open(spec));
        Path run = SyntheticRun.write(tmp.resolve("run"), joined, true);
        SyntheticRun.setDataSpecs(run, spec, spec);

        String html = Files.readString(ReportWriter.builder(run).optDatasetFromConfig(true).build().write());

        assertThat(html).doesNotContain("image grids").contains("red-disc (");
        assertThat(pngsIn(run.resolve("report"))).contains("cluster-000-top.png", "cluster-009-top.png");
    }

    @Test
    void aDatasetThatCannotBeOpenedLeavesOutOnlyTheGrids() throws IOException {
        Path run = SyntheticRun.write(tmp.resolve("run"), dataset, true);
        Path nowhere = tmp.resolve("nowhere");
        SyntheticRun.setDataSpecs(run, "cifar10:" + nowhere);

        String html = Files.readString(ReportWriter.builder(run).optDatasetFromConfig(true).build().write());

        assertThat(html).contains("cannot open the run&#39;s dataset", nowhere.toString());
        List<String> pngs = pngsIn(run.resolve("report"));
        assertThat(pngs).contains("loss.png", "confusion.png").noneMatch(p -> p.startsWith("cluster-"));
    }

    private static List<String> pngsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        }
    }

    static List<String> linkedImages(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = IMG_SRC.matcher(html);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
