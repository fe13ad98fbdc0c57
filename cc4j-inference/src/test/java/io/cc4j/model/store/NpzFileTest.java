package io.cc4j.model.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzFileTest {
    @TempDir
    Path tmp;

    private static Map<String, NpyArray> sample() {
        Random random = new Random(7);
        float[] conv = new float[4 * 3 * 3 * 3];
        for (int i = 0; i < conv.length; i++) {
            conv[i] = (float) random.nextGaussian();
        }
        conv[0] = Float.NaN;
        conv[1] = -0.0f;
        conv[2] = Float.NEGATIVE_INFINITY;
        conv[3] = Float.MIN_VALUE;
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("resnet.conv1.weight", NpyArray.ofFloats(new long[] {4, 3, 3, 3}, conv));
        arrays.put("resnet.bn1.weight", NpyArray.ofFloats(new long[] {4}, new float[] {1f, 0.5f, -2f, 3e-8f}));
        arrays.put("resnet.bn1.num_batches_tracked", NpyArray.scalar(123_456_789_012L));
        arrays.put("counts", NpyArray.ofLongs(new long[] {2, 2}, new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}));
        arrays.put("empty", NpyArray.ofFloats(new long[] {0, 5}, new float[0]));
        return arrays;
    }

    @Test
    void roundTripKeepsNamesOrderShapesAndEveryBit() {
        Path file = tmp.resolve("w.npz");
        Map<String, NpyArray> arrays = sample();
        NpzFile.write(file, arrays);
        Map<String, NpyArray> back = NpzFile.read(file);
        assertThat(back.keySet()).containsExactlyElementsOf(arrays.keySet());
        assertThat(back).isEqualTo(arrays);
        assertThat(Float.floatToRawIntBits(back.get("resnet.conv1.weight").floats()[1]))
                .isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(back.get("resnet.bn1.num_batches_tracked").shape()).isEmpty();
        assertThat(back.get("resnet.bn1.num_batches_tracked").longs()).containsExactly(123_456_789_012L);
    }

    @Test
    void sameArraysGiveTheSameBytes() throws IOException {
        NpzFile.write(tmp.resolve("a.npz"), sample());
        NpzFile.write(tmp.resolve("b.npz"), sample());
        assertThat(Files.readAllBytes(tmp.resolve("a.npz"))).isEqualTo(Files.readAllBytes(tmp.resolve("b.npz")));
    }

    @Test
    void headerIsNumpysVersionOneLayoutPaddedTo64Bytes() {
        byte[] npy = Npy.encode(NpyArray.ofFloats(new long[] {3}, new float[] {1f, 2f, 3f}));
        String header = new String(npy, 10, npy.length - 10 - 12, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }").endsWith("\n");
        assertThat((10 + header.length()) % 64).isZero();
        assertThat(ByteBuffer.wrap(npy, npy.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getFloat()).isEqualTo(3f);
        String scalar = new String(Npy.encode(NpyArray.scalar(5)), 10, 60, StandardCharsets.US_ASCII);
        assertThat(scalar).startsWith("{'descr': '<i8', 'fortran_order': False, 'shape': (), }");
    }

    @Test
    void fortranOrderIsReorderedToCOrder() {
        // [[1, 2, 3], [4, 5, 6]] stored column by column: 1 4 2 5 3 6.
        byte[] npy = npyBytes("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", 1, 4, 2, 5, 3, 6);
        NpyArray a = Npy.decode(npy, "f");
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.floats()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void otherElementTypesAreReadAsUnsupportedWithTheirShape() {
        byte[] npy = npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", 0, 0);
        NpyArray a = Npy.decode(npy, "d");
        assertThat(a.type()).isEqualTo(NpyArray.Type.OTHER);
        assertThat(a.typeName()).isEqualTo("'<f8'");
        assertThat(a.shape()).containsExactly(1);
    }

    @Test
    void truncatedDataIsRefusedNamingTheEntry() throws IOException {
        byte[] npy = Npy.encode(NpyArray.ofFloats(new long[] {4}, new float[4]));
        Path file = zipOf("resnet.bn1.bias.npy", java.util.Arrays.copyOf(npy, npy.length - 3));
        assertThatThrownBy(() -> NpzFile.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("resnet.bn1.bias.npy")
                .hasMessageContaining("13 data bytes");
    }

    @Test
    void entriesThatAreNotNpyArraysAndNonZipFilesAreRefused() throws IOException {
        Path notNpy = zipOf("readme.txt", "hello".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> NpzFile.read(notNpy)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("readme.txt");
        Path text = tmp.resolve("text.npz");
        Files.writeString(text, "not a zip");
        assertThatThrownBy(() -> NpzFile.read(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(text.toString());
        assertThatThrownBy(() -> NpzFile.read(tmp.resolve("missing.npz"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("missing.npz");
    }

    private static byte[] npyBytes(String dict, float... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    private Path zipOf(String name, byte[] content) throws IOException {
        Path file = tmp.resolve("z" + name.hashCode() + ".npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return file;
    }
}
