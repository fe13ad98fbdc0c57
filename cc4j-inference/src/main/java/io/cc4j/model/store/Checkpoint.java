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
 * <p>Layout (format 3): magic {@code CC4JCKPT}, format version, the epochs completed, a header JSON (the
 * {@link ModelSpec}, the {@link Provenance} and, for a checkpoint taken in the middle of an epoch, the training
 * state: where in the epoch the run stands), the training configuration JSON, the model parameters (including
 * BatchNorm running statistics), the optimizer state, and a CRC-32 of all of that. Format 2 is format 3 without
 * a training state; format 1 had no header JSON, and its model spec is taken from its configuration. Both are
 * still read. Files are written atomically and read by streaming (twice: the checksum first, then the content),
 * so a model larger than a Java array loads and a truncated or altered file is reported by name before anything
 * is read from it. A section reader never reads past its sections into the checksum, and can ask how many bytes
 * remain ({@link #requireAvailable}) before allocating what a declared size asks for.
 */
public final class Checkpoint {
    private static final byte[] MAGIC = "CC4JCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 3;
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
     * @param trainingState where in an epoch a run stopped (JSON, opaque to this class), or null for a checkpoint
     *     at the end of an epoch and for files of formats 1 and 2
     */
    public record Header(int format, int epoch, ModelSpec model, Provenance provenance, String configJson,
            String trainingState) {
        /** A header without a training state (a checkpoint at the end of an epoch). */
        public Header(int format, int epoch, ModelSpec model, Provenance provenance, String configJson) {
            this(format, epoch, model, provenance, configJson, null);
        }
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
        write(file, epoch, model, provenance, configJson, null, parameters, optimizer);
    }

    /**
     * Atomically writes a checkpoint taken in the middle of an epoch.
     *
     * @param file target file
     * @param epoch epochs completed
     * @param model the network and input size
     * @param provenance versions and training data
     * @param configJson the training configuration
     * @param trainingState where in the epoch the run stands (a JSON object), or null at the end of an epoch
     * @param parameters writes the model parameters
     * @param optimizer writes the optimizer state
     */
    public static void write(Path file, int epoch, ModelSpec model, Provenance provenance, String configJson,
            String trainingState, Section parameters, Section optimizer) {
        String header;
        try {
            JsonNode state = trainingState == null ? null : JSON.readTree(trainingState);
            if (state != null && !state.isObject()) {
                throw new IllegalArgumentException("the training state must be a JSON object");
            }
            header = JSON.writeValueAsString(new HeaderJson(model, provenance, state));
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

    /** The JSON header of formats 2 and 3 (format 2 has no training state). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    private record HeaderJson(
            @com.fasterxml.jackson.annotation.JsonProperty("model") ModelSpec model,
            @com.fasterxml.jackson.annotation.JsonProperty("provenance") Provenance provenance,
            @com.fasterxml.jackson.annotation.JsonProperty("training_state") JsonNode trainingState) {
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
            throw new InvalidInputException("cannot read checkpoint " + file + ": " + describe(e), e);
        }
        if (size < MAGIC.length + 8 + 8) {
            throw new CorruptCheckpointException("checkpoint " + file + " is truncated (" + size + " bytes)");
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
            if (epoch < 0) {
                throw new CorruptCheckpointException("checkpoint " + file + " is corrupt (epoch " + epoch + ")");
            }
            String headerJson = version >= 2 ? readText(in, file) : null;
            String config = readText(in, file);
            long sections = MAGIC.length + 8L + (headerJson == null ? 0 : 4L + utf8Length(headerJson))
                    + 4L + utf8Length(config);
            Header header = headerJson != null ? parseHeader(version, epoch, headerJson, config, file)
                    : new Header(version, epoch, specFromConfig(config, file), null, config);
            return new Verified(file, header, sections, size - 8);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** A file that ends early is damaged; another read failure (permissions, the disk) is not the file's fault. */
    private static InvalidInputException unreadable(Path file, IOException e) {
        String message = "checkpoint " + file + " is unreadable: " + describe(e);
        return e instanceof EOFException ? new CorruptCheckpointException(message, e)
                : new InvalidInputException(message, e);
    }

    private static Header parseHeader(int version, int epoch, String json, String config, Path file) {
        try {
            HeaderJson h = JSON.readValue(json, HeaderJson.class);
            if (h.model() == null) {
                throw new CorruptCheckpointException("checkpoint " + file + " has no model description");
            }
            if (h.trainingState() != null && (version < 3 || !h.trainingState().isObject())) {
                throw new CorruptCheckpointException("checkpoint " + file + " has an unreadable training state");
            }
            String state = h.trainingState() == null || h.trainingState().isNull() ? null
                    : JSON.writeValueAsString(h.trainingState());
            return new Header(version, epoch, h.model(), h.provenance(), config, state);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException bad) {
                throw bad;
            }
            throw new CorruptCheckpointException("checkpoint " + file + " has an unreadable header: "
                    + firstLine(e.getMessage()), e);
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
            throw new CorruptCheckpointException("checkpoint " + file + " has an unreadable configuration: "
                    + e.getMessage(), e);
        }
    }

    private static void requireMagic(Path file) {
        byte[] magic = new byte[MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, magic.length) != magic.length || !java.util.Arrays.equals(magic, MAGIC)) {
                throw new CorruptCheckpointException("checkpoint " + file + " is not a cc4j checkpoint (bad magic)");
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
            throw new CorruptCheckpointException("checkpoint " + file + " is corrupt (checksum mismatch)");
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
            throw new CorruptCheckpointException("checkpoint " + file + " declares a text of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * Lets a section reader check a declared size before allocating for it: within {@link Verified#readSections}
     * the stream knows how many bytes its sections still hold; other streams pass unchecked.
     *
     * @param in the stream given to a {@link SectionReader}
     * @param bytes bytes the reader is about to read
     * @param what what they are, for the message
     * @throws InvalidInputException when fewer bytes remain than declared
     */
    public static void requireAvailable(DataInputStream in, long bytes, String what) {
        if (in instanceof SectionInput s && (bytes < 0 || bytes > s.remaining())) {
            throw new InvalidInputException(what + " declares " + bytes + " bytes, more than the "
                    + s.remaining() + " left in checkpoint " + s.file);
        }
    }

    /** The sections of one checkpoint: stops at the checksum and counts what is left. */
    private static final class SectionInput extends DataInputStream {
        private final Path file;

        SectionInput(Path file, InputStream in, long length) {
            super(new Bounded(in, length));
            this.file = file;
        }

        long remaining() {
            return ((Bounded) in).left;
        }
    }

    /** An input stream that ends after {@code left} bytes. */
    private static final class Bounded extends java.io.FilterInputStream {
        private long left;

        Bounded(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long done = super.skip(Math.min(n, left));
            left -= done;
            return done;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    private static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String describe(IOException e) {
        return e instanceof EOFException ? "it ends early" : AtomicFiles.describe(e);
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
            try (InputStream raw = Files.newInputStream(file)) {
                raw.skipNBytes(sectionsAt);
                SectionInput in = new SectionInput(file, new BufferedInputStream(raw, 1 << 16), end - sectionsAt);
                parameters.read(in);
                if (optimizer != null) {
                    optimizer.read(in);
                }
            } catch (IOException e) {
                throw unreadable(file, e);
            }
        }

        /** @return bytes of parameters and optimizer state, for progress and memory estimates */
        public long sectionBytes() {
            return end - sectionsAt;
        }
    }
}
