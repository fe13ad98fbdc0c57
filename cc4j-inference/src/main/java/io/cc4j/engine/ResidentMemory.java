package io.cc4j.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Memory figures of this process as the Linux kernel reports them (native memory of libtorch included). */
public final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    /** @return peak resident set size (VmHWM) in bytes, or -1 where /proc/self/status is not available */
    public static long peakBytes() {
        return field("VmHWM:");
    }

    /** @return current resident set size (VmRSS) in bytes, or -1 where /proc/self/status is not available */
    public static long currentBytes() {
        return field("VmRSS:");
    }

    private static long field(String name) {
        try {
            List<String> lines = Files.readAllLines(STATUS);
            for (String line : lines) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024L; // the kernel reports kB
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
