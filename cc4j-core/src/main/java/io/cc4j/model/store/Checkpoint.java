package io.cc4j.model.store;

import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;

/**
 * One checkpoint file: everything needed to continue a run exactly where it stopped.
 *
 * <p>Layout: magic {@code CC4JCKPT}, format version, the epoch just completed, the configuration JSON, the
 * model parameters (including BatchNorm running statistics), the Adam state, and a CRC-32 of all of that.
 * The randomness of epoch {@code e} derives from (seed, e), so the epoch number is the whole RNG state.
 * Files are written atomically; a truncated or altered file fails its CRC and is reported by name.
 */
public final class Checkpoint {
    private static final byte[] MAGIC = "CC4JCKPT".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    /** Writes the model parameters into a checkpoint stream. */
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

    private Checkpoint() {
    }

    /**
     * Atomically writes a checkpoint.
     *
     * @param file target file
     * @param epoch epochs completed
     * @param configJson the run configuration
     * @param model writes the model parameters
     * @param optimizer writes the optimizer state
     */
    public static void write(Path file, int epoch, String configJson, Section model, Section optimizer) {
        AtomicFiles.write(file, raw -> {
            CRC32 crc = new CRC32();
            DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(epoch);
            byte[] cfg = configJson.getBytes(StandardCharsets.UTF_8);
            out.writeInt(cfg.length);
            out.write(cfg);
            model.write(out);
            optimizer.write(out);
            out.flush();
            // The checksum itself is outside the checked stream.
            new DataOutputStream(raw).writeLong(crc.getValue());
        });
    }

    /** Header of a verified checkpoint. */
    public record Header(int epoch, String configJson) {
    }

    /**
     * Verifies a checkpoint's checksum and reads it.
     *
     * @param file checkpoint file
     * @param model reads the model parameters (may be null to skip the rest)
     * @param optimizer reads the optimizer state (may be null)
     * @return epoch and configuration
     * @throws InvalidInputException naming the file when it is missing, truncated or corrupt
     */
    public static Header read(Path file, SectionReader model, SectionReader optimizer) {
        Verified v = open(file);
        v.readSections(model, optimizer);
        return v.header();
    }

    /**
     * Reads a checkpoint once and verifies it, so that callers can look at the header (e.g. to build the model
     * its configuration describes) before reading the sections from the same bytes.
     *
     * @param file checkpoint file
     * @return the verified checkpoint
     * @throws InvalidInputException naming the file when it is missing, truncated or corrupt
     */
    public static Verified open(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length < MAGIC.length + 8 + 8) {
            throw new InvalidInputException("checkpoint " + file + " is truncated (" + bytes.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new InvalidInputException("checkpoint " + file + " is not a cc4j checkpoint (bad magic)");
            }
        }
        int body = bytes.length - 8;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, body);
        long stored = 0;
        for (int i = body; i < bytes.length; i++) {
            stored = (stored << 8) | (bytes[i] & 0xFF);
        }
        if (stored != crc.getValue()) {
            throw new InvalidInputException("checkpoint " + file + " is corrupt (checksum mismatch)");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, body - MAGIC.length));
        try {
            int version = in.readInt();
            if (version != VERSION) {
                throw new InvalidInputException("checkpoint " + file + " has format version " + version
                        + ", this cc4j reads version " + VERSION);
            }
            int epoch = in.readInt();
            byte[] cfg = new byte[in.readInt()];
            in.readFully(cfg);
            return new Verified(file, new Header(epoch, new String(cfg, StandardCharsets.UTF_8)), in);
        } catch (IOException e) {
            throw new InvalidInputException("checkpoint " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** A checkpoint read into memory whose checksum matched; its sections follow the header. */
    public static final class Verified {
        private final Path file;
        private final Header header;
        private final DataInputStream sections;

        private Verified(Path file, Header header, DataInputStream sections) {
            this.file = file;
            this.header = header;
            this.sections = sections;
        }

        /** Epoch and configuration. */
        public Header header() {
            return header;
        }

        /**
         * Reads the model parameters, then the optimizer state; either reader may be null to stop there.
         *
         * @param model reads the model parameters
         * @param optimizer reads the optimizer state
         */
        public void readSections(SectionReader model, SectionReader optimizer) {
            try {
                if (model != null) {
                    model.read(sections);
                    if (optimizer != null) {
                        optimizer.read(sections);
                    }
                }
            } catch (IOException e) {
                throw new InvalidInputException("checkpoint " + file + " is unreadable: " + e.getMessage(), e);
            }
        }
    }
}
