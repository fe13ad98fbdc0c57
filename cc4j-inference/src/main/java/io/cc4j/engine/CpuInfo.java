package io.cc4j.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The CPU this process runs on, as Linux describes it in {@code /proc/cpuinfo}: what benchmarks and
 * {@code cc4j info} print, since figures depend on it.
 *
 * @param vendor e.g. AuthenticAMD or GenuineIntel ("unknown" elsewhere)
 * @param model the model name
 * @param cores logical processors available to the JVM
 * @param features the instruction-set extensions that matter for libtorch, among those present
 */
public record CpuInfo(String vendor, String model, int cores, List<String> features) {
    /** Extensions that change which kernels libtorch and oneDNN pick. */
    private static final List<String> RELEVANT = List.of("avx2", "fma", "avx512f", "avx512bw", "avx512_vnni",
            "avx512_bf16", "avx512_fp16", "amx_tile", "amx_bf16", "amx_int8");

    /** @return the description of this machine's CPU */
    public static CpuInfo current() {
        String vendor = "unknown";
        String model = System.getProperty("os.arch");
        Set<String> flags = Set.of();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (key.equals("vendor_id")) {
                    vendor = value;
                } else if (key.equals("model name")) {
                    model = value;
                } else if (key.equals("flags")) {
                    flags = Set.of(value.split("\\s+"));
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: keep what the JVM knows
        }
        List<String> present = new ArrayList<>();
        for (String f : RELEVANT) {
            if (flags.contains(f)) {
                present.add(f);
            }
        }
        return new CpuInfo(vendor, model, Runtime.getRuntime().availableProcessors(), List.copyOf(present));
    }

    /** @return true when the CPU reports a bf16 instruction set (AVX-512 BF16 or AMX-BF16) */
    public boolean hasBf16() {
        return features.contains("avx512_bf16") || features.contains("amx_bf16");
    }

    /** One line, e.g. {@code AMD EPYC (AuthenticAMD), 2 cores, avx2 fma avx512f ...}. */
    @Override
    public String toString() {
        return model + " (" + vendor + "), " + cores + " cores, " + String.join(" ", features);
    }
}
