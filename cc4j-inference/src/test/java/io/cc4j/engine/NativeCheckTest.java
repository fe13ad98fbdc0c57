package io.cc4j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.cc4j.engine.ConvolutionCheck.Case;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Regression tests of the native faults seen on AMD EPYC VMs whose hypervisor hides the cache topology: wrong
 * (sometimes NaN) convolution gradients for channel counts that are not multiples of 16, and a SIGFPE in the
 * 1x1 stride-2 backward of ResNet-50's downsample shapes. On such a machine without the repair, the first test
 * fails and the second kills the test JVM.
 */
class NativeCheckTest {
    @Test
    void convolutionsAndTheirGradientsMatchTheReferenceAfterTheStartUpCheck() {
        NativeCheck check = EngineSupport.nativeCheck();
        assertThat(check.selfTestFailure()).as(check.summary()).isEmpty();
        assertThat(check.caches().state()).isIn("HEALTHY", "REPAIRED", "UNKNOWN");
        if (!check.caches().state().equals("UNKNOWN")) {
            assertThat(java.util.Arrays.stream(check.caches().used()).min().orElse(0))
                    .as("smallest per-core cache oneDNN uses, bytes").isGreaterThanOrEqualTo(4096);
        }
    }

    @Test
    void resNet50DownsampleShapesRunBackwardCorrectly() {
        // oneDNN's brgemm 1x1 backward divided by zero for these (in, out) pairs with 1-byte caches.
        List<Case> cases = List.of(new Case(2, 512, 1024, 14, 1, 2, 0), new Case(2, 1024, 2048, 8, 1, 2, 0),
                new Case(2, 256, 1024, 8, 1, 2, 0));
        try (NDManager manager = EngineSupport.engine().newBaseManager()) {
            for (Case c : cases) {
                for (boolean channelsLast : new boolean[] {false, true}) {
                    assertThat(ConvolutionCheck.check(manager, c, channelsLast)).as(c + ", channels-last " + channelsLast)
                            .isEmpty();
                }
            }
        }
    }

    @Test
    void smallChannelCasesAreRepeatableBitForBit() {
        // Uninitialised padding made the same computation differ between calls.
        try (NDManager manager = EngineSupport.engine().newBaseManager()) {
            for (Case c : ConvolutionCheck.CASES) {
                for (int i = 0; i < 6; i++) {
                    boolean channelsLast = i % 2 == 1;
                    assertThat(ConvolutionCheck.check(manager, c, channelsLast))
                            .as(c + ", channels-last " + channelsLast + ", call " + i).isEmpty();
                }
            }
        }
    }

    @Test
    void withoutTheRepairTheSelfTestCatchesTheFaultAndTheFallbackToAtenKernelsIsCorrect() throws Exception {
        Map<String, String> off = runFreshJvm("off");
        if (off.get("caches").equals("BROKEN")) {
            assertThat(off.get("selftest")).as("self-test on a CPU with 1-byte oneDNN caches").contains("convolution");
        } else {
            assertThat(off.get("selftest")).isEqualTo("passed");
        }
        Map<String, String> aten = runFreshJvm("aten");
        assertThat(aten.get("onednn")).isEqualTo("false");
        assertThat(aten.get("selftest")).isEqualTo("passed");
    }

    private static Map<String, String> runFreshJvm(String mode) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), NativeCheckMain.class.getName());
        pb.environment().put("CC4J_NATIVE_REPAIR", mode);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.contains("=")).collect(Collectors.toMap(
                l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }
}
