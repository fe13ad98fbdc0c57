package io.cc4j.model.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * One checkpoint file: everything needed to use a model, and to continue its training exactly where it stopped.
 *
 * <p>Layout (format 2): magic {@code CC4JCKPT}, format version, the epoch just completed, a header JSON (the
 * {@link ModelSpec} and the {@link Provenance}), the training configuration JSON, the model parameters
 * (including BatchNorm running statistics), the optimizer state, and a CRC-32 of all of that. Format 1 had no
 * header JSON; it is still read, its model spec taken from its configuration. Files are written atomically and
 * read by streaming (twice: the checksum first, then the content), so a model larger than a Java array loads and
 * a truncated or altered file is reported by name before anything is read from it.
 */
public final class Checkpoint {
    private static final byte[] MAGIC = "CC4JCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 2;
    private static final int OLDEST = 1;
    private static final int MAX_TEXT = 64 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes a section (parameters, optimizer state) into a checkpoint stream. */
    @FunctionalInterface
    public interface Section {
        /**
         * @param out the checkpoint stream
         * @throws IOException on write failure
         */
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a section back from a checkpoint stream. */
    @FunctionalInterface
    public interface SectionReader {
        /**
         * @param in the checkpoint stream positioned at the section
         * @throws IOException on read failure
         */
        void read(DataInputStream in) throws IOException;
    }

    /**
     * What a checkpoint says about itself.
     *
     * @param format format version of the file
     * @param epoch epochs completed
     * @param model the network and input size
     * @param provenance versions and training data, or null for format 1 files
     * @param configJson the training configuration (JSON), opaque to this class
     */
    public record Header(int format, int epoch, ModelSpec model, Provenance provenance, String configJson) {
    }

    private Checkpoint() {
    }

    /**
     * Atomically writes a checkpoint.
     *
     * @param file target file
     * @param epoch epochs completed
     * @param model the network and input size
     * @param provenance versions and training data
     * @param configJson the training configuration
     * @param parameters writes the model parameters
     * @param optimizer writes the optimizer state
     */
    public static void write(Path file, int epoch, ModelSpec model, Provenance provenance, String configJson,
            Section parameters, Section optimizer) {
        String header;
        try {
            header = JSON.writeValueAsString(new HeaderJson(model, provenance));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a checkpoint header", e);
        }
        AtomicFiles.write(file, raw -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(epoch);
            writeText(out, header);
            writeText(out, configJson);
            parameters.write(out);
            optimizer.write(out);
            out.flush();
            // The checksum itself is outside the checked stream.
            new DataOutputStream(raw).writeLong(crc.getValue());
        });
    }

    /** The JSON header of format 2. */
    private record HeaderJson(
            @com.fasterxml.jackson.annotation.JsonProperty("model") ModelSpec model,
            @com.fasterxml.jackson.annotation.JsonProperty("provenance") Provenance provenance) {
    }

    /**
     * Verifies a checkpoint's checksum and reads its header; the sections are read afterwards with
     * {@link Verified#readSections}.
     *
     * @param file checkpoint file
     * @return the verified checkpoint
     * @throws InvalidInputException naming the file when it is missing, truncated, corrupt or of an unknown format
     */
    public static Verified open(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("checkpoint not found: " + file, e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (size < MAGIC.length + 8 + 8) {
            throw new InvalidInputException("checkpoint " + file + " is truncated (" + size + " bytes)");
        }
        requireMagic(file);
        verifyChecksum(file, size);
        try (DataInputStream in = stream(file)) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version < OLDEST || version > VERSION) {
                throw new InvalidInputException("checkpoint " + file + " has format version " + version
                        + "; this cc4j reads versions " + OLDEST + " to " + VERSION);
            }
            int epoch = in.readInt();
            String headerJson = version >= 2 ? readText(in, file) : null;
            String config = readText(in, file);
            long sections = MAGIC.length + 8L + (headerJson == null ? 0 : 4L + utf8Length(headerJson))
                    + 4L + utf8Length(config);
            Header header = headerJson != null ? parseHeader(version, epoch, headerJson, config, file)
                    : new Header(version, epoch, specFromConfig(config, file), null, config);
            return new Verified(file, header, sections, size - 8);
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint " + file + " is unreadable: " + describe(e), e);
        }
    }

    private static Header parseHeader(int version, int epoch, String json, String config, Path file) {
        try {
            HeaderJson h = JSON.readValue(json, HeaderJson.class);
            if (h.model() == null) {
                throw new InvalidInputException("checkpoint " + file + " has no model description");
            }
            return new Header(version, epoch, h.model(), h.provenance(), config);
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint " + file + " has an unreadable header: " + e.getMessage(), e);
        }
    }

    /** Format 1 files: the model spec comes from the training configuration they carry. */
    static ModelSpec specFromConfig(String config, Path file) {
        try {
            JsonNode c = JSON.readTree(config);
            return new ModelSpec(BackboneType.parse(c.path("backbone").asText("resnet18")),
                    Stem.parse(c.path("stem").asText("cifar")), c.path("width").asInt(64),
                    c.path("feature_dim").asInt(128), c.path("clusters").asInt(),
                    c.path("augment").path("size").asInt(32));
        } catch (IOException | InvalidInputException e) {
            throw new InvalidInputException("checkpoint " + file + " has an unreadable configuration: "
                    + e.getMessage(), e);
        }
    }

    private static void requireMagic(Path file) {
        byte[] magic = new byte[MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, magic.length) != magic.length || !java.util.Arrays.equals(magic, MAGIC)) {
                throw new InvalidInputException("checkpoint " + file + " is not a cc4j checkpoint (bad magic)");
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot read checkpoint " + file + ": " + describe(e), e);
        }
    }

    private static void verifyChecksum(Path file, long size) {
        CRC32 crc = new CRC32();
        long stored = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 20];
            long body = size - 8;
            long done = 0;
            while (done < body) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, body - done));
                if (n < 0) {
                    throw new EOFException();
                }
                crc.update(buffer, 0, n);
                done += n;
            }
            stored = new DataInputStream(in).readLong();
        } catch (IOException e) {
            throw new InvalidInputException("cannot read checkpoint " + file + ": " + describe(e), e);
        }
        if (stored != crc.getValue()) {
            throw new InvalidInputException("checkpoint " + file + " is corrupt (checksum mismatch)");
        }
    }

    private static DataInputStream stream(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in, Path file) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_TEXT) {
            throw new InvalidInputException("checkpoint " + file + " declares a text of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String describe(IOException e) {
        return e instanceof EOFException ? "it ends early" : String.valueOf(e.getMessage());
    }

    /** A checkpoint whose checksum matched; its sections are read from the file on demand. */
    public static final class Verified {
        private final Path file;
        private final Header header;
        private final long sectionsAt;
        private final long end;

        private Verified(Path file, Header header, long sectionsAt, long end) {
            this.file = file;
            this.header = header;
            this.sectionsAt = sectionsAt;
            this.end = end;
        }

        /** @return the file */
        public Path file() {
            return file;
        }

        /** @return format, epoch, model, provenance and configuration */
        public Header header() {
            return header;
        }

        /**
         * Reads the model parameters, then the optimizer state; either reader may be null to stop there.
         *
         * @param parameters reads the model parameters
         * @param optimizer reads the optimizer state
         * @throws InvalidInputException naming the file when a section cannot be read
         */
        public void readSections(SectionReader parameters, SectionReader optimizer) {
            if (parameters == null) {
                return;
            }
            try (DataInputStream in = stream(file)) {
                in.skipNBytes(sectionsAt);
                parameters.read(in);
                if (optimizer != null) {
                    optimizer.read(in);
                }
            } catch (IOException e) {
                throw new InvalidInputException("checkpoint " + file + " is unreadable: " + describe(e), e);
            }
        }

        /** @return bytes of parameters and optimizer state, for progress and memory estimates */
        public long sectionBytes() {
            return end - sectionsAt;
        }
    }
}
