package io.cc4j.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CPU cache sizes oneDNN (inside libtorch) believes in, read from its CPU description and repaired where a
 * hypervisor made them absurd.
 *
 * <p><b>Why.</b> oneDNN 3.7 (libtorch 2.7) takes cache sizes from the Xbyak {@code Cpu} object it builds on
 * first use. On AMD CPUs that object reads CPUID leaf 0x8000001D for three cache levels without checking the
 * cache type; hypervisors that zero that leaf make every level 1 byte. With 1-byte caches oneDNN's weight
 * reorders mishandle padded channel blocks (wrong gradients, and NaN from uninitialised padding, for channel
 * counts that are not multiples of 16) and its brgemm 1x1 backward divides by zero (SIGFPE in ResNet-50). The
 * repair writes the sizes oneDNN itself assumes when it knows nothing (32 KiB L1, 1 MiB L3 per core) and the L2
 * size the kernel reports in {@code /proc/cpuinfo}, before any primitive exists.
 *
 * <p>The object is found by its symbol in libtorch's static symbol table and checked before anything is
 * written: its size, the address its accessor returns, and the exact broken pattern (three levels of 1 byte,
 * each shared by one core). Any other libtorch build or layout is left alone and reported as unknown.
 */
final class OneDnnCaches {
    static final String LIBRARY = "libtorch_cpu.so";
    private static final String ACCESSOR = "_ZN4dnnl4impl3cpu3x643cpuEv";
    private static final String OBJECT = "_ZZN4dnnl4impl3cpu3x643cpuEvE4cpu_";
    /** An exported function, to check the load base against the dynamic linker's view. */
    private static final String EXPORTED = "_ZN2at13globalContextEv";

    // Layout of Xbyak::util::Cpu as bundled with oneDNN 3.7: 10 cache levels of sizes, then of sharing counts.
    private static final long OBJECT_SIZE = 144;
    private static final long SIZES = 0x1c;
    private static final long SHARING = 0x44;
    private static final long LEVELS = 0x6c;
    private static final int LEVELS_USED = 3;

    static final int GUESS_L1 = 32 * 1024;
    static final int GUESS_L2 = 512 * 1024;
    static final int GUESS_L3 = 1024 * 1024;

    /** What was found. */
    enum State {
        /** Plausible sizes; nothing written. */
        HEALTHY,
        /** The 1-byte pattern was found and replaced. */
        REPAIRED,
        /** The 1-byte pattern was found and left alone (repair switched off). */
        BROKEN,
        /** The object could not be located or did not have the expected layout; nothing written. */
        UNKNOWN
    }

    /**
     * @param state what was found
     * @param found per-core bytes of L1, L2, L3 as oneDNN saw them (empty when unknown)
     * @param used per-core bytes after the repair (equal to found unless repaired)
     * @param detail a short explanation for logs and {@code cc4j info}
     */
    record Report(State state, int[] found, int[] used, String detail) {
    }

    private OneDnnCaches() {
    }

    /**
     * Reads oneDNN's cache sizes and repairs the 1-byte pattern. Must run before the first convolution.
     *
     * @param repair false to only look (for reproducing the fault)
     * @return what was found and done
     */
    static Report inspect(boolean repair) {
        Optional<LoadedLibrary> loaded = LoadedLibrary.find(LIBRARY);
        if (loaded.isEmpty()) {
            return unknown(LIBRARY + " is not mapped in this process");
        }
        Path file = loaded.get().file();
        Map<String, ElfSymbols.Symbol> symbols;
        try {
            symbols = ElfSymbols.find(file, Set.of(ACCESSOR, OBJECT, EXPORTED));
        } catch (IOException e) {
            return unknown("cannot read the symbols of " + file + ": " + e.getMessage());
        }
        if (symbols.size() != 3 || symbols.get(OBJECT).size() != OBJECT_SIZE) {
            return unknown(file + " has no oneDNN CPU description of the expected layout");
        }
        long base = loaded.get().base();
        NativeLibrary library = NativeLibrary.getInstance(file.toString());
        long exported = Pointer.nativeValue(library.getFunction(EXPORTED));
        if (exported - symbols.get(EXPORTED).value() != base) {
            return unknown("the load address of " + file + " does not match its symbols");
        }
        long object = base + symbols.get(OBJECT).value();
        // The accessor builds the object on first call and returns it: both prove the address and initialise it.
        Pointer returned = Function.getFunction(new Pointer(base + symbols.get(ACCESSOR).value()))
                .invokePointer(new Object[0]);
        if (Pointer.nativeValue(returned) != object) {
            return unknown("oneDNN's CPU accessor did not return the expected object");
        }
        Pointer cpu = new Pointer(object);
        int[] found = perCore(cpu);
        if (cpu.getInt(LEVELS) != LEVELS_USED) {
            return new Report(State.UNKNOWN, found, found, "oneDNN reports " + cpu.getInt(LEVELS) + " cache levels");
        }
        if (!isBrokenPattern(cpu)) {
            boolean plausible = found[0] >= 4096 && found[1] >= found[0];
            return new Report(plausible ? State.HEALTHY : State.UNKNOWN, found, found,
                    plausible ? "oneDNN's cache sizes are plausible" : "oneDNN's cache sizes look wrong");
        }
        if (!repair) {
            return new Report(State.BROKEN, found, found, "oneDNN sees 1-byte caches (repair switched off)");
        }
        int[] sizes = {GUESS_L1, procCpuinfoL2().orElse(GUESS_L2), GUESS_L3};
        for (int level = 0; level < LEVELS_USED; level++) {
            cpu.setInt(SIZES + 4L * level, sizes[level]);
            cpu.setInt(SHARING + 4L * level, 1);
        }
        return new Report(State.REPAIRED, found, perCore(cpu), "oneDNN saw 1-byte caches (CPUID leaf 0x8000001D"
                + " hidden by the hypervisor); set to oneDNN's defaults and the L2 size of /proc/cpuinfo");
    }

    private static boolean isBrokenPattern(Pointer cpu) {
        for (int level = 0; level < LEVELS_USED; level++) {
            if (cpu.getInt(SIZES + 4L * level) != 1 || cpu.getInt(SHARING + 4L * level) != 1) {
                return false;
            }
        }
        return true;
    }

    private static int[] perCore(Pointer cpu) {
        int[] sizes = new int[LEVELS_USED];
        for (int level = 0; level < LEVELS_USED; level++) {
            int sharing = Math.max(1, cpu.getInt(SHARING + 4L * level));
            sizes[level] = cpu.getInt(SIZES + 4L * level) / sharing;
        }
        return sizes;
    }

    /** The per-core L2 size the kernel reports ("cache size" of /proc/cpuinfo), when plausible. */
    static Optional<Integer> procCpuinfoL2() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cache size")) {
                    String value = line.substring(line.indexOf(':') + 1).trim();
                    if (value.endsWith(" KB")) {
                        long kb = Long.parseLong(value.substring(0, value.length() - 3).trim());
                        return kb >= 128 && kb <= 65536 ? Optional.of((int) (kb * 1024)) : Optional.empty();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Report unknown(String why) {
        return new Report(State.UNKNOWN, new int[0], new int[0], why);
    }
}
