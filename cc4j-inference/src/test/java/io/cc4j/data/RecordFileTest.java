package io.cc4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFileTest {
    @TempDir
    Path dir;

    private Path file(int header, int records, int recordBytes) throws IOException {
        byte[] b = new byte[header + records * recordBytes];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return Files.write(dir.resolve("f.bin"), b);
    }

    @Test
    void readsRecordsThatStraddleMappingChunks() throws IOException {
        Path f = file(3, 40, 5);
        byte[] all = Files.readAllBytes(f);
        // 7-byte chunks: most records cross a chunk boundary.
        RecordFile rf = RecordFile.map(f, 3, 5, 7);
        assertThat(rf.records()).isEqualTo(40);
        for (int r = 0; r < 40; r++) {
            byte[] got = new byte[5];
            rf.read(r, 0, got, 0, 5);
            for (int k = 0; k < 5; k++) {
                assertThat(got[k]).isEqualTo(all[3 + r * 5 + k]);
                assertThat(rf.unsignedByte(r, k)).isEqualTo(all[3 + r * 5 + k] & 0xFF);
            }
        }
    }

    @Test
    void concurrentReadsSeeTheSameBytes() throws IOException {
        Path f = file(0, 500, 11);
        RecordFile rf = RecordFile.map(f, 0, 11, 64);
        byte[] all = Files.readAllBytes(f);
        IntStream.range(0, 5000).parallel().forEach(i -> {
            int r = i % 500;
            byte[] got = new byte[11];
            rf.read(r, 0, got, 0, 11);
            for (int k = 0; k < 11; k++) {
                if (got[k] != all[r * 11 + k]) {
                    throw new AssertionError("record " + r + " byte " + k);
                }
            }
        });
    }

    @Test
    void inMemoryBytesGiveTheSameView() {
        byte[] b = {9, 9, 1, 2, 3, 4};
        RecordFile rf = RecordFile.ofBytes("mem", b, 2, 2);
        assertThat(rf.records()).isEqualTo(2);
        assertThat(rf.unsignedByte(1, 1)).isEqualTo(4);
    }

    @Test
    void sizeNotAWholeNumberOfRecordsNamesTheFile() throws IOException {
        Path f = Files.write(dir.resolve("odd.bin"), new byte[11]);
        assertThatThrownBy(() -> RecordFile.map(f, 0, 5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("not a multiple of the 5-byte record");
    }

    @Test
    void missingAndEmptyFilesAreRejected() throws IOException {
        assertThatThrownBy(() -> RecordFile.map(dir.resolve("nope.bin"), 0, 5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("missing file")
                .hasMessageContaining("nope.bin");
        Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);
        assertThatThrownBy(() -> RecordFile.map(empty, 0, 5))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty.bin is empty");
    }

    @Test
    void outOfRangeRecordIsAnIndexError() throws IOException {
        RecordFile rf = RecordFile.map(file(0, 2, 4), 0, 4);
        assertThatThrownBy(() -> rf.unsignedByte(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> rf.read(0, 2, new byte[3], 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void closingReleasesTheMapsAndLaterReadsFailCleanly() throws IOException {
        Path f = file(0, 10, 4);
        RecordFile rf = RecordFile.map(f, 0, 4);
        byte[] got = new byte[4];
        rf.read(3, 0, got, 0, 4);
        rf.close();
        rf.close(); // idempotent
        assertThat(rf.isClosed()).isTrue();
        // Never a read of released memory (a JVM crash): an exception naming the file.
        assertThatThrownBy(() -> rf.read(3, 0, got, 0, 4)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(f.toString());
        assertThatThrownBy(() -> rf.unsignedByte(0, 0)).isInstanceOf(IllegalStateException.class);
        // With the maps released the file can go at once (on Windows it could not be deleted while mapped).
        Files.delete(f);
        assertThat(MappedBuffers.canUnmap()).as("Unsafe.invokeCleaner is reachable on this JVM").isTrue();
    }

    @Test
    void aDatasetClosesItsFiles(@TempDir Path data) throws IOException {
        String spec = io.cc4j.testing.TinyIdx.write(data, 8, 4, 2, 1);
        ImageDataset d = DatasetSpec.open(spec);
        assertThat(d.image(0).pixels()).hasSize(16);
        d.close();
        assertThatThrownBy(() -> d.image(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
