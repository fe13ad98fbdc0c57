package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageGrid;
import io.cc4j.data.RawImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    /** A run on a folder dataset of dark and bright 8x8 images, clustered by brightness with one mistake. */
    private Path runDir() throws IOException {
        Path images = dir.resolve("images");
        for (int i = 0; i < 12; i++) {
            String cls = i % 2 == 0 ? "dark" : "bright";
            byte[] px = new byte[64];
            Arrays.fill(px, (byte) (i % 2 == 0 ? 10 + i : 200 + i));
            Path f = images.resolve(cls).resolve("img-" + i + ".png");
            Files.createDirectories(f.getParent());
            ImageGrid.writePng(ImageGrid.toBufferedImage(new RawImage(1, 8, 8, px)), f);
        }
        String spec = "folder:" + images;
        ImageDataset data = DatasetSpec.open(spec);
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("config.json"), "{\"data\": [\"" + spec.replace("\\", "\\\\")
                + "\"], \"clusters\": 2, \"epochs\": 2}");
        Files.writeString(run.resolve("metrics.jsonl"),
                "{\"epoch\":1,\"instance_loss\":5.0,\"cluster_loss\":2.0,\"total_loss\":7.0,\"seconds\":1.0}\n"
                        + "{\"epoch\":2,\"instance_loss\":4.0,\"cluster_loss\":1.5,\"total_loss\":5.5,\"seconds\":1.0,"
                        + "\"nmi\":0.6,\"acc\":0.9,\"ari\":0.5}\n");
        StringBuilder csv = new StringBuilder("index,id,cluster,confidence,label\n");
        for (int i = 0; i < data.size(); i++) {
            int cluster = i == 0 ? 1 - data.label(i) : data.label(i);
            csv.append(i).append(",\"").append(data.id(i)).append("\",").append(cluster).append(',')
                    .append(0.5 + i / 40.0).append(',').append(data.label(i)).append('\n');
        }
        Files.writeString(run.resolve("assignments.csv"), csv);
        return run;
    }

    @Test
    void writesTheReportWithImageGridsAndPrintsItsPath() throws IOException {
        Path run = runDir();

        assertThat(cli.run("report", run.toString())).as(cli.err()).isZero();

        Path index = run.resolve("report/index.html");
        assertThat(cli.out().strip()).isEqualTo(index.toString());
        assertThat(pngs(run)).contains("loss.png", "scores.png", "confusion.png", "sizes.png",
                "cluster-000-top.png", "cluster-001-top.png");
        assertThat(Files.readString(index)).contains("bright (", "dark (").doesNotContain("image grids");
    }

    @Test
    void noImagesSkipsTheGridsAndTheDataset() throws IOException {
        Path run = runDir();
        // The dataset is gone: with --no-images it is not even opened.
        Files.writeString(run.resolve("config.json"), "{\"data\": [\"cifar10:/no/such/dir\"], \"clusters\": 2}");

        assertThat(cli.run("report", run.toString(), "--no-images")).as(cli.err()).isZero();

        assertThat(pngs(run)).contains("loss.png", "confusion.png").noneMatch(p -> p.startsWith("cluster-"));
        assertThat(Files.readString(run.resolve("report/index.html"))).contains("image grids omitted");
    }

    @Test
    void missingRunDirectoryExitsTwoNamingIt() {
        Path missing = dir.resolve("no-such-run");

        assertThat(cli.run("report", missing.toString())).isEqualTo(2);

        assertThat(cli.err()).contains(missing.toString()).contains("does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void badCountIsBadInput() throws IOException {
        assertThat(cli.run("report", runDir().toString(), "--most-confident", "0")).isEqualTo(2);
        assertThat(cli.err()).contains("most-confident");
    }

    private static java.util.List<String> pngs(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("report"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).toList();
        }
    }
}
