package io.cc4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    /** A CIFAR-10 test batch of 6 random images. */
    private String cifarSpec() throws IOException {
        byte[] b = new byte[6 * 3073];
        new Random(3).nextBytes(b);
        for (int i = 0; i < 6; i++) {
            b[i * 3073] = (byte) (i % 10);
        }
        Files.write(dir.resolve("test_batch.bin"), b);
        return "cifar10-test:" + dir;
    }

    @Test
    void writesOneRowOfOriginalAndTwoViewsPerImage() throws IOException {
        Path png = dir.resolve("grids/views.png");
        int code = cli.run("augment", cifarSpec(), "--out", png.toString(), "--n", "4", "--preset", "cifar10",
                "--no-flip", "--seed", "7");
        assertThat(code).as(cli.err()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        // 96-pixel cells with 2-pixel gaps: 3 columns, 4 rows.
        assertThat(img.getWidth()).isEqualTo(3 * 96 + 4 * 2);
        assertThat(img.getHeight()).isEqualTo(4 * 96 + 5 * 2);
        assertThat(cli.out()).contains("4 rows").contains("flip=false");
    }

    @Test
    void badInputExitsWithTwo() throws IOException {
        String spec = cifarSpec();
        assertThat(cli.run("augment", spec, "--out", dir.resolve("a.png").toString(), "--preset", "nope")).isEqualTo(2);
        assertThat(cli.err()).contains("nope");
        assertThat(cli.run("augment", spec, "--out", dir.resolve("a.png").toString(), "--n", "0")).isEqualTo(2);
        assertThat(cli.run("augment", "cifar10:" + dir.resolve("missing"), "--out", dir.resolve("a.png").toString()))
                .isEqualTo(2);
        assertThat(cli.run("augment", spec)).isEqualTo(2);
        assertThat(Files.exists(dir.resolve("a.png"))).isFalse();
    }

    @Test
    void boostDrawsTheWeakAndStrongViewsWithTheirSwitches() throws IOException {
        Path png = dir.resolve("boost.png");
        int code = cli.run("augment", cifarSpec(), "--out", png.toString(), "--n", "3", "--preset", "cifar10",
                "--boost", "--strong-off", "rotate,shear-x", "--no-cutout");
        assertThat(code).as(cli.err()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(3 * 96 + 4 * 2);
        assertThat(img.getHeight()).isEqualTo(3 * 96 + 4 * 2);
        assertThat(cli.out()).contains("weak view, strong view").contains("strength=0.5").contains("cutout=false")
                .doesNotContain("ROTATE").doesNotContain("SHEAR_X").contains("SHEAR_Y");
    }

    @Test
    void strongSwitchesNeedBoostAndKnownNames() throws IOException {
        String spec = cifarSpec();
        String out = dir.resolve("b.png").toString();
        assertThat(cli.run("augment", spec, "--out", out, "--no-cutout")).isEqualTo(2);
        assertThat(cli.err()).contains("--boost");
        assertThat(cli.run("augment", spec, "--out", out, "--boost", "--strong-off", "warp")).isEqualTo(2);
        assertThat(cli.err()).contains("warp");
        assertThat(Files.exists(dir.resolve("b.png"))).isFalse();
    }
}
