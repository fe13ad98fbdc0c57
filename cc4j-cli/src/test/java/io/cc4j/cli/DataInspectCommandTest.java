package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataInspectCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    /** CIFAR-10 test batch of 5 images, image i with label i % 3 and every pixel 40 * i. */
    private Path cifarTestBatch() throws IOException {
        byte[] b = new byte[5 * 3073];
        for (int i = 0; i < 5; i++) {
            b[i * 3073] = (byte) (i % 3);
            java.util.Arrays.fill(b, i * 3073 + 1, (i + 1) * 3073, (byte) (40 * i));
        }
        Files.write(dir.resolve("test_batch.bin"), b);
        return dir;
    }

    @Test
    void printsCountShapeChannelsAndHistogram() throws IOException {
        int code = cli.run("data", "inspect", "cifar10-test:" + cifarTestBatch());
        assertThat(code).as(cli.err()).isZero();
        String text = cli.out();
        assertThat(text).contains("images    5").contains("shape     3x32x32").contains("channels  3")
                .contains("labels    yes, 10 classes");
        assertThat(text).containsPattern("\\s0\\s+airplane\\s+2\\s+40\\.0%");
        assertThat(text).containsPattern("\\s2\\s+bird\\s+1\\s+20\\.0%");
        assertThat(text).containsPattern("\\s9\\s+truck\\s+0\\s+0\\.0%");
    }

    @Test
    void jsonIsOneObjectAndGridIsWritten() throws IOException {
        Path png = dir.resolve("out/grid.png");
        int code = cli.run("data", "inspect", "cifar10-test:" + cifarTestBatch(), "--json", "--grid", png.toString(),
                "--grid-count", "4");
        assertThat(code).as(cli.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertThat(json.get("count").asInt()).isEqualTo(5);
        assertThat(json.get("shape").toString()).isEqualTo("[3,32,32]");
        assertThat(json.get("channels").asInt()).isEqualTo(3);
        assertThat(json.get("labelled").asBoolean()).isTrue();
        assertThat(json.get("classes").get(1).get("name").asText()).isEqualTo("automobile");
        assertThat(json.get("classes").get(1).get("count").asInt()).isEqualTo(2);
        BufferedImage grid = ImageIO.read(png.toFile());
        // 4 cells in 2 columns of 64 px plus 2 px gaps.
        assertThat(grid.getWidth()).isEqualTo(134);
        // Evenly spaced indices 0, 1, 2, 3 of 5: the second cell shows image 1, gray 40.
        assertThat(grid.getRGB(2 + 66 + 32, 2 + 32) & 0xFF).isEqualTo(40);
    }

    @Test
    void foldersWithVaryingSizesReportVariesAndStrictFailsOnBrokenImages() throws IOException {
        Files.createDirectories(dir.resolve("imgs"));
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("imgs/a.png").toFile());
        ImageIO.write(new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB), "png", dir.resolve("imgs/b.png").toFile());
        assertThat(cli.run("data", "inspect", "folder:" + dir.resolve("imgs"))).isZero();
        assertThat(cli.out()).contains("shape     varies").contains("labels    no");

        Files.writeString(dir.resolve("imgs/c.png"), "broken");
        assertThat(cli.run("data", "inspect", "--strict", "folder:" + dir.resolve("imgs"))).isEqualTo(2);
        assertThat(cli.err()).contains("cc4j: error:").contains("c.png");
        assertThat(cli.run("data", "inspect", "folder:" + dir.resolve("imgs"))).isZero();
    }

    @Test
    void badInputExitsWithTwoAndOneMessage() throws IOException {
        assertThat(cli.run("data", "inspect", "cifar10:" + dir.resolve("missing"))).isEqualTo(2);
        assertThat(cli.err()).contains("missing").doesNotContain("Exception");

        Files.write(dir.resolve("test_batch.bin"), new byte[3073 + 7]);
        assertThat(cli.run("data", "inspect", "cifar10-test:" + dir)).isEqualTo(2);
        assertThat(cli.err()).contains("test_batch.bin").contains("3073-byte record");

        assertThat(cli.run("data", "inspect", "mnist:" + dir)).isEqualTo(2);
        assertThat(cli.err()).contains("known kinds");

        assertThat(cli.run("data", "inspect", "cifar10-test:" + dir, "--grid-count", "0")).isEqualTo(2);
        assertThat(cli.run("data", "inspect")).isEqualTo(2);
    }

    @Test
    void helpDocumentsTheSpecs() {
        assertThat(cli.run("data", "inspect", "--help")).isZero();
        assertThat(cli.out()).contains("stl10-unlabeled").contains("--grid").contains("--strict");
        assertThat(cli.run("data")).isZero();
        assertThat(cli.out()).contains("inspect");
    }
}
