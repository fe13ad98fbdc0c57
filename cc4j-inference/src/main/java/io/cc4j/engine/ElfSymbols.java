package io.cc4j.engine;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads symbols from the full symbol table ({@code .symtab}) of a 64-bit little-endian ELF shared library.
 *
 * <p>The dynamic linker only sees exported symbols; oneDNN's internal state inside libtorch is local, so its
 * address has to come from the static symbol table, which libtorch's release builds keep.
 */
final class ElfSymbols {
    private static final int SHT_SYMTAB = 2;
    private static final int SYMBOL_BYTES = 24;

    /** One symbol: its address relative to the library's load base, and its size in bytes. */
    record Symbol(String name, long value, long size) {
    }

    private ElfSymbols() {
    }

    /**
     * Finds the given names in the library's {@code .symtab}.
     *
     * @param library path of the ELF file
     * @param names symbol names (mangled) to look for
     * @return the symbols found, by name; names absent from the table (or a library without one) are missing
     * @throws IOException if the file cannot be read or is not a 64-bit little-endian ELF file
     */
    static Map<String, Symbol> find(Path library, Set<String> names) throws IOException {
        try (FileChannel file = FileChannel.open(library, StandardOpenOption.READ)) {
            MappedByteBuffer header = map(file, 0, 64);
            if (header.getInt(0) != 0x464C457F || header.get(4) != 2 || header.get(5) != 1) {
                throw new IOException(library + " is not a 64-bit little-endian ELF file");
            }
            long sectionTable = header.getLong(0x28);
            int entrySize = Short.toUnsignedInt(header.getShort(0x3A));
            int sections = Short.toUnsignedInt(header.getShort(0x3C));
            MappedByteBuffer table = map(file, sectionTable, (long) entrySize * sections);
            for (int i = 0; i < sections; i++) {
                int at = i * entrySize;
                if (table.getInt(at + 4) != SHT_SYMTAB) {
                    continue;
                }
                int strings = table.getInt(at + 40);
                int stringsAt = strings * entrySize;
                return scan(map(file, table.getLong(at + 24), table.getLong(at + 32)),
                        map(file, table.getLong(stringsAt + 24), table.getLong(stringsAt + 32)), names);
            }
            return Map.of();
        }
    }

    private static Map<String, Symbol> scan(MappedByteBuffer symbols, MappedByteBuffer strings, Set<String> names) {
        Map<String, byte[]> wanted = new HashMap<>();
        names.forEach(n -> wanted.put(n, n.getBytes(StandardCharsets.US_ASCII)));
        Map<String, Symbol> found = new HashMap<>();
        int count = symbols.capacity() / SYMBOL_BYTES;
        for (int s = 0; s < count && found.size() < wanted.size(); s++) {
            int at = s * SYMBOL_BYTES;
            int nameAt = symbols.getInt(at);
            for (Map.Entry<String, byte[]> w : wanted.entrySet()) {
                if (!found.containsKey(w.getKey()) && nameEquals(strings, nameAt, w.getValue())) {
                    found.put(w.getKey(), new Symbol(w.getKey(), symbols.getLong(at + 8), symbols.getLong(at + 16)));
                }
            }
        }
        return found;
    }

    private static boolean nameEquals(MappedByteBuffer strings, int at, byte[] name) {
        // The terminator at the exact length rejects almost every other name with one read.
        if (at < 0 || at + name.length >= strings.capacity() || strings.get(at + name.length) != 0) {
            return false;
        }
        for (int i = name.length - 1; i >= 0; i--) {
            if (strings.get(at + i) != name[i]) {
                return false;
            }
        }
        return true;
    }

    private static MappedByteBuffer map(FileChannel file, long offset, long length) throws IOException {
        if (offset < 0 || length < 0 || length > Integer.MAX_VALUE || offset + length > file.size()) {
            throw new IOException("ELF section out of the file's bounds (offset " + offset + ", length " + length + ")");
        }
        MappedByteBuffer buffer = file.map(FileChannel.MapMode.READ_ONLY, offset, length);
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        return buffer;
    }
}
