package io.cc4j.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A shared library mapped into this process, found in {@code /proc/self/maps} (Linux): its file and the address
 * it was loaded at, so that a symbol's address is {@code base + value}.
 *
 * @param file the library file
 * @param base the load address (start of the mapping of file offset 0)
 */
record LoadedLibrary(Path file, long base) {
    private static final Path MAPS = Path.of("/proc/self/maps");

    /**
     * @param fileName file name of the library, e.g. {@code libtorch_cpu.so}
     * @return the library if this process has it mapped; empty elsewhere (also on systems without procfs)
     */
    static Optional<LoadedLibrary> find(String fileName) {
        List<String> lines;
        try {
            lines = Files.readAllLines(MAPS);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            // address perms offset dev inode path
            String[] f = line.trim().split("\\s+", 6);
            if (f.length == 6 && f[5].endsWith("/" + fileName) && Long.parseLong(f[2], 16) == 0) {
                long start = Long.parseUnsignedLong(f[0].substring(0, f[0].indexOf('-')), 16);
                return Optional.of(new LoadedLibrary(Path.of(f[5]), start));
            }
        }
        return Optional.empty();
    }
}
