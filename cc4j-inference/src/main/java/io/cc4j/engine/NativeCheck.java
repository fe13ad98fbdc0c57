package io.cc4j.engine;

import ai.djl.engine.Engine;
import io.cc4j.engine.OneDnnCaches.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the start-up check of the native engine found on this CPU, and what it did about it. See
 * {@link EngineSupport#nativeCheck()}.
 *
 * <p>The check runs once per process, before the first convolution: it repairs oneDNN's view of the CPU caches
 * where a hypervisor hid them ({@link OneDnnCaches}), then compares libtorch's convolution and its gradients
 * with a plain reference on small cases. If that comparison fails, or if oneDNN's view could not be read on a
 * CPU whose cache topology is hidden, convolutions are routed to ATen's own kernels (slower, correct). The
 * environment variable {@code CC4J_NATIVE_REPAIR} changes this: {@code off} looks without changing anything (to
 * reproduce a fault), {@code aten} always routes convolutions to ATen's kernels. Where NNPACK (ATen's
 * small-batch convolutions) cannot initialise, ATen is told not to try it, before any convolution: it would compute
 * exactly what it computes without it, and its "Could not initialize NNPACK!" warning is kept off the host
 * program's stderr.
 *
 * @param caches what oneDNN's cache description held and what was done to it
 * @param oneDnnConvolution whether convolutions still run on oneDNN (false after the fallback)
 * @param selfTestFailure the first disagreement of the final self-test, empty when it passed
 * @param milliseconds time the check took
 */
public record NativeCheck(Caches caches, boolean oneDnnConvolution, Optional<String> selfTestFailure,
        double milliseconds) {
    private static final Logger LOG = LoggerFactory.getLogger(NativeCheck.class);

    /**
     * oneDNN's per-core cache sizes in bytes (L1, L2, L3) as found and as used, and a word on what happened.
     *
     * @param state HEALTHY, REPAIRED, BROKEN (found broken, repair off) or UNKNOWN (not readable)
     * @param found sizes found (empty when unknown)
     * @param used sizes in use after the check
     * @param detail explanation
     */
    public record Caches(String state, int[] found, int[] used, String detail) {
    }

    /** One line for logs and {@code cc4j info}. */
    public String summary() {
        return String.format("oneDNN caches %s %s; convolutions on %s; self-test %s (%.0f ms)", caches.state(),
                sizes(caches.used()), oneDnnConvolution ? "oneDNN" : "ATen's own kernels (oneDNN off)",
                selfTestFailure.map(f -> "FAILED: " + f).orElse("passed"), milliseconds);
    }

    static NativeCheck perform(Engine engine) {
        long t0 = System.nanoTime();
        LoadedLibrary.find(OneDnnCaches.LIBRARY).ifPresent(AtenSwitches::applyLogLevel);
        // Asked before the first convolution, quietly: otherwise ATen's answer is a warning on the host's stderr.
        LoadedLibrary.find(OneDnnCaches.LIBRARY).filter(lib -> !AtenSwitches.nnpackAvailableQuietly(lib))
                .ifPresent(AtenSwitches::disableNnpack);
        String mode = System.getenv().getOrDefault("CC4J_NATIVE_REPAIR", "on");
        boolean intervene = !"off".equalsIgnoreCase(mode);
        Report report = OneDnnCaches.inspect(intervene);
        Caches caches = new Caches(report.state().name(), report.found(), report.used(), report.detail());
        Optional<String> failure = ConvolutionCheck.run(engine);
        boolean oneDnn = true;
        boolean hiddenTopology = report.state() == OneDnnCaches.State.UNKNOWN && amdWithHiddenCacheTopology();
        if (intervene && (failure.isPresent() || hiddenTopology || "aten".equalsIgnoreCase(mode))) {
            Optional<LoadedLibrary> library = LoadedLibrary.find(OneDnnCaches.LIBRARY);
            if (library.isPresent()) {
                AtenSwitches.disableOneDnnConvolution(library.get());
                oneDnn = false;
                if (failure.isPresent() || hiddenTopology) {
                    LOG.warn("libtorch's oneDNN convolutions are not trustworthy on this CPU ({}); using ATen's own"
                            + " kernels instead, which is slower",
                            failure.orElse("cache topology hidden by the hypervisor"));
                }
                failure = ConvolutionCheck.run(engine);
            }
        }
        NativeCheck check = new NativeCheck(caches, oneDnn, failure, (System.nanoTime() - t0) / 1e6);
        if (report.state() == OneDnnCaches.State.REPAIRED) {
            LOG.info("{}: {}", report.detail(), sizes(report.used()));
        }
        LOG.debug("native check: {}", check.summary());
        return check;
    }

    /** AMD CPUs whose cache topology the kernel could not read (no cache entries in sysfs): the risky case. */
    static boolean amdWithHiddenCacheTopology() {
        try {
            boolean amd = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .anyMatch(l -> l.startsWith("vendor_id") && l.contains("AuthenticAMD"));
            return amd && !Files.isDirectory(Path.of("/sys/devices/system/cpu/cpu0/cache/index0"));
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static String sizes(int[] bytes) {
        if (bytes.length == 0) {
            return "(unknown sizes)";
        }
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < bytes.length; i++) {
            s.append(i == 0 ? "" : ", ").append("L").append(i + 1).append(' ').append(human(bytes[i]));
        }
        return s.append(" per core)").toString();
    }

    private static String human(int bytes) {
        return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB"
                : bytes >= 1024 && bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " B";
    }
}
