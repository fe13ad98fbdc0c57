package io.cc4j.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.data.DatasetFingerprint;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    static final ModelSpec SPEC = new ModelSpec(BackboneType.RESNET34, Stem.IMAGENET, 16, 64, 7, 96);
    static final Provenance PROVENANCE = new Provenance("1.2.3", "0.36.0", "PyTorch 2.7.1", "2026-12-01T00:00:00Z",
            List.of(new DatasetFingerprint("cifar10:/d", 60000, "00112233445566778899aabbccddeeff")));

    private Path write(int epoch, int modelValue) {
        Path f = RunLayout.of(dir).checkpoints().fileFor(epoch);
        Checkpoint.write(f, epoch, SPEC, PROVENANCE, "{\"x\":1}", out -> out.writeInt(modelValue),
                out -> out.writeLong(7L));
        return f;
    }

    private static Checkpoint.Header read(Path f, Checkpoint.SectionReader model, Checkpoint.SectionReader opt) {
        Checkpoint.Verified v = Checkpoint.open(f);
        v.readSections(model, opt);
        return v.header();
    }

    @Test
    void roundTripRestoresEveryField() {
        Path f = write(3, 12345);
        AtomicInteger model = new AtomicInteger();
        long[] opt = new long[1];
        Checkpoint.Header h = read(f, in -> model.set(in.readInt()), in -> opt[0] = in.readLong());
        assertThat(h.format()).isEqualTo(3);
        assertThat(h.trainingState()).isNull();
        assertThat(h.epoch()).isEqualTo(3);
        assertThat(h.model()).isEqualTo(SPEC);
        assertThat(h.provenance()).isEqualTo(PROVENANCE);
        assertThat(h.configJson()).isEqualTo("{\"x\":1}");
        assertThat(model.get()).isEqualTo(12345);
        assertThat(opt[0]).isEqualTo(7L);
    }

    @Test
    void flippedByteFailsTheChecksumNamingTheFile() throws IOException {
        Path f = write(1, 99);
        byte[] b = Files.readAllBytes(f);
        b[b.length / 2] ^= 0x10;
        Files.write(f, b);
        assertThatThrownBy(() -> read(f, in -> in.readInt(), null))
                .isInstanceOf(CorruptCheckpointException.class).hasMessageContaining(f.toString())
                .hasMessageContaining("corrupt");
    }

    @Test
    void truncatedFileIsRejected() throws IOException {
        Path f = write(1, 99);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 5));
        assertThatThrownBy(() -> read(f, null, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(f.toString());
    }

    @Test
    void notACheckpointIsRejected() throws IOException {
        Path f = dir.resolve("epoch-00001.ckpt");
        Files.writeString(f, "hello, this is not a checkpoint at all");
        assertThatThrownBy(() -> read(f, null, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a cc4j checkpoint");
    }

    @Test
    void storeListsByEpochAndPrunesOldest() {
        write(10, 1);
        write(2, 1);
        write(5, 1);
        CheckpointStore store = RunLayout.of(dir).checkpoints();
        assertThat(store.list()).extracting(p -> p.getFileName().toString())
                .containsExactly("epoch-00002.ckpt", "epoch-00005.ckpt", "epoch-00010.ckpt");
        store.prune(2);
        assertThat(store.list()).hasSize(2);
        assertThat(store.latest()).contains(store.fileFor(10));
        assertThat(store.newestFirst().get(0)).isEqualTo(store.fileFor(10));
    }

    @Test
    void newestIntactMovesDamagedNewerCheckpointsAsideAndSaysWhenNoneIsLeft() throws IOException {
        CheckpointStore store = RunLayout.of(dir).checkpoints();
        assertThatThrownBy(store::newestIntact).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no checkpoint to resume from in " + store.directory());
        write(1, 11);
        Path second = write(2, 22);
        Path third = write(3, 33);
        Files.write(third, java.util.Arrays.copyOf(Files.readAllBytes(third), 40));
        byte[] b = Files.readAllBytes(second);
        b[b.length / 2] ^= 0x10;
        Files.write(second, b);

        CheckpointStore.Intact intact = store.newestIntact();
        assertThat(intact.file()).isEqualTo(store.fileFor(1));
        AtomicInteger model = new AtomicInteger();
        intact.checkpoint().readSections(in -> model.set(in.readInt()), null);
        assertThat(model.get()).isEqualTo(11);
        assertThat(store.list()).containsExactly(store.fileFor(1));
        assertThat(third.resolveSibling("epoch-00003.ckpt.corrupt")).exists();
        assertThat(second.resolveSibling("epoch-00002.ckpt.corrupt")).exists();

        Files.writeString(store.fileFor(1), "not a checkpoint");
        assertThatThrownBy(store::newestIntact).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no intact checkpoint in " + store.directory())
                .hasMessageContaining(store.fileFor(1) + " is truncated");
    }

    @Test
    void failedWriteKeepsThePreviousFile() throws IOException {
        Path f = write(4, 1);
        byte[] before = Files.readAllBytes(f);
        assertThatThrownBy(() -> Checkpoint.write(f, 4, SPEC, PROVENANCE, "{}", out -> {
            throw new IOException("No space left on device");
        }, out -> { })).isInstanceOf(InvalidInputException.class).hasMessageContaining("no space left");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        try (var s = Files.list(f.getParent())) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void aStepCheckpointCarriesItsTrainingStateAndSortsInsideItsEpoch() {
        Path f = RunLayout.of(dir).checkpoints().fileForStep(4, 17);
        Checkpoint.write(f, 3, SPEC, PROVENANCE, "{}", "{\"batch\":17,\"phase\":\"full\"}", out -> out.writeInt(1),
                out -> { });
        assertThat(f.getFileName().toString()).isEqualTo("epoch-00004-step-000017.ckpt");
        Checkpoint.Header h = Checkpoint.open(f).header();
        assertThat(h.epoch()).isEqualTo(3);
        assertThat(h.trainingState()).isEqualTo("{\"batch\":17,\"phase\":\"full\"}");
        write(3, 1);
        write(4, 1);
        CheckpointStore store = RunLayout.of(dir).checkpoints();
        assertThat(store.list()).extracting(p -> p.getFileName().toString()).containsExactly("epoch-00003.ckpt",
                "epoch-00004-step-000017.ckpt", "epoch-00004.ckpt");
        assertThat(CheckpointStore.isStepCheckpoint(f)).isTrue();
        assertThat(CheckpointStore.isStepCheckpoint(store.fileFor(4))).isFalse();
    }

    @Test
    void pruningKeepsOnlyTheNewestStepCheckpointWhileItIsTheNewest() {
        CheckpointStore store = RunLayout.of(dir).checkpoints();
        write(1, 1);
        write(2, 1);
        for (int step : new int[] {3, 9}) {
            Checkpoint.write(store.fileForStep(3, step), 2, SPEC, PROVENANCE, "{}", "{}", out -> { }, out -> { });
        }
        store.prune(1);
        assertThat(store.list()).extracting(p -> p.getFileName().toString())
                .containsExactly("epoch-00002.ckpt", "epoch-00003-step-000009.ckpt");
        write(3, 1);
        store.prune(2);
        assertThat(store.list()).extracting(p -> p.getFileName().toString())
                .containsExactly("epoch-00002.ckpt", "epoch-00003.ckpt");
    }

    @Test
    void aFormatTwoFileStillReads() throws IOException {
        // Format 2 is format 3 without a training state: rewrite the version number and the checksum.
        Path f = write(6, 4321);
        byte[] b = Files.readAllBytes(f);
        java.nio.ByteBuffer.wrap(b).putInt(8, 2);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 0, b.length - 8);
        java.nio.ByteBuffer.wrap(b).putLong(b.length - 8, crc.getValue());
        Files.write(f, b);
        AtomicInteger model = new AtomicInteger();
        Checkpoint.Header h = read(f, in -> model.set(in.readInt()), in -> in.readLong());
        assertThat(h.format()).isEqualTo(2);
        assertThat(h.epoch()).isEqualTo(6);
        assertThat(h.model()).isEqualTo(SPEC);
        assertThat(h.trainingState()).isNull();
        assertThat(model.get()).isEqualTo(4321);
    }

    @Test
    void aSectionCannotAskForMoreBytesThanTheFileHolds() {
        Path f = write(2, 5);
        assertThatThrownBy(() -> read(f, in -> {
            Checkpoint.requireAvailable(in, 4, "the model");
            in.readInt();
            Checkpoint.requireAvailable(in, 8, "the optimizer");
            Checkpoint.requireAvailable(in, 9, "a damaged size");
        }, null)).isInstanceOf(InvalidInputException.class).hasMessageContaining("a damaged size declares 9 bytes")
                .hasMessageContaining(f.toString());
        // Sections end where the checksum starts: reading further is the end of the data, not the checksum.
        assertThatThrownBy(() -> read(f, in -> {
            in.readInt();
            in.readLong();
            in.readByte();
        }, null)).isInstanceOf(InvalidInputException.class).hasMessageContaining("ends early");
    }

    @Test
    void parametersAreWrittenAndReadInBoundedChunks() throws IOException {
        float[] values = new float[ParameterFile.CHUNK * 3 + 17];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 7;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ParameterFile.writeValues(new java.io.DataOutputStream(bytes), values);
        assertThat(bytes.size()).isEqualTo(values.length * 4);
        float[] back = ParameterFile.readValues(new java.io.DataInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())), values.length);
        assertThat(back).containsExactly(values);
    }

    @Test
    void aFileOfANewerFormatIsRefusedButNotTakenForCorrupt() throws IOException {
        Path f = write(2, 1);
        byte[] b = Files.readAllBytes(f);
        java.nio.ByteBuffer.wrap(b).putInt(8, 9);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b, 0, b.length - 8);
        java.nio.ByteBuffer.wrap(b).putLong(b.length - 8, crc.getValue());
        Files.write(f, b);
        assertThatThrownBy(() -> Checkpoint.open(f)).isInstanceOf(InvalidInputException.class)
                .isNotInstanceOf(CorruptCheckpointException.class).hasMessageContaining("format version 9");
    }
}
