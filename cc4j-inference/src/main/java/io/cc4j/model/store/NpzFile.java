package io.cc4j.model.store;

import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz}: a zip archive with one {@code NAME.npy} entry per array, as {@code numpy.savez}
 * writes and {@code numpy.load} reads ({@code np.load(f)["resnet.conv1.weight"]}).
 *
 * <p>Entries are written uncompressed (as {@code numpy.savez} does) in the order given, with a fixed
 * timestamp, so the same arrays always give the same bytes: an export can be compared bit for bit.
 */
public final class NpzFile {
    private static final String SUFFIX = ".npy";
    /** The earliest time a zip entry can hold: no clock or time zone leaks into the file. */
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private NpzFile() {
    }

    /**
     * Reads every array of an npz file.
     *
     * @param file the archive
     * @return name (entry name without {@code .npy}) to array, in archive order
     * @throws InvalidInputException naming the file (and entry) when it is missing, not a zip archive, holds
     *     something other than {@code .npy} arrays, or an array cc4j cannot read
     */
    public static Map<String, NpyArray> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("npz file not found: " + file);
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                if (!name.endsWith(SUFFIX)) {
                    throw new InvalidInputException(file + " holds '" + name + "', which is not a .npy array");
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                String key = name.substring(0, name.length() - SUFFIX.length());
                if (arrays.put(key, Npy.decode(bytes, file + " entry " + name)) != null) {
                    throw new InvalidInputException(file + " holds '" + name + "' twice");
                }
            }
        } catch (ZipException e) {
            throw new InvalidInputException(file + " is not an npz (zip) file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(arrays);
    }

    /**
     * Writes arrays as an npz file, atomically.
     *
     * @param file target; parent directories are created
     * @param arrays name to array, written in iteration order
     * @throws InvalidInputException naming the file when it cannot be written
     */
    public static void write(Path file, Map<String, NpyArray> arrays) {
        AtomicFiles.write(file, raw -> {
            ZipOutputStream zip = new ZipOutputStream(raw);
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                byte[] bytes = Npy.encode(e.getValue());
                ZipEntry entry = new ZipEntry(e.getKey() + SUFFIX);
                entry.setMethod(ZipEntry.STORED);
                entry.setTimeLocal(FIXED_TIME);
                entry.setSize(bytes.length);
                entry.setCompressedSize(bytes.length);
                CRC32 crc = new CRC32();
                crc.update(bytes);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
            zip.finish(); // the caller owns (and closes) the underlying stream
        });
    }
}
