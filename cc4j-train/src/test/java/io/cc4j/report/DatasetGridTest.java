package io.cc4j.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.data.IdxDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGridTest {
    @TempDir
    Path dir;

    /** IDX images where image i is uniformly gray level 10 * i. */
    private IdxDataset uniformImages(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16 + n * 4);
        b.putInt(0x803).putInt(n).putInt(2).putInt(2);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++) {
                b.put((byte) (10 * i));
            }
        }
        return IdxDataset.open(Files.write(dir.resolve("img"), b.array()), null);
    }

    @Test
    void writesEvenlySpacedSamplesInANearSquareGrid() throws IOException {
        IdxDataset ds = uniformImages(20);
        Path out = dir.resolve("grid.png");
        DatasetGrid.writePng(ds, 4, out);
        BufferedImage grid = ImageIO.read(out.toFile());
        // 4 images -> 2x2 cells of 64 px (small images are enlarged) with 2 px gaps.
        assertThat(grid.getWidth()).isEqualTo(2 * 64 + 3 * 2);
        assertThat(grid.getHeight()).isEqualTo(2 * 64 + 3 * 2);
        // Evenly spaced indices 0, 5, 10, 15: gray levels 0, 50, 100, 150, row by row.
        int[] expected = {0, 50, 100, 150};
        for (int k = 0; k < 4; k++) {
            int x = 2 + (k % 2) * 66 + 32;
            int y = 2 + (k / 2) * 66 + 32;
            assertThat(grid.getRGB(x, y) & 0xFF).as("cell %d", k).isEqualTo(expected[k]);
        }
    }

    @Test
    void countMustBePositive() throws IOException {
        IdxDataset ds = uniformImages(2);
        assertThatThrownBy(() -> DatasetGrid.render(ds, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("0");
    }
}
