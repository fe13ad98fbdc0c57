import io.cc4j.data.ImageDataset;
import io.cc4j.data.RawImage;
import io.cc4j.engine.EngineSupport;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.run.RunLayout;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * The CPU time of one image's forward pass in process, back to back and with an idle pause between passes (as a
 * server answering one caller has: the caller's round trip), side by side: {@code bench serve} compares the server at
 * concurrency 1 with back-to-back passes. Run by scripts/serve/idle-gap-probe.sh.
 *
 * <p>Arguments: RUN [GAP_MS (5)] [ROUNDS (6)] [SECONDS per measurement (2)] [THREADS (0: all cores)].
 */
public final class IdleGapProbe {
    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) {
        Path run = Path.of(args[0]);
        long gapNanos = (long) (1e6 * (args.length > 1 ? Double.parseDouble(args[1]) : 5));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        long length = (long) (1e9 * (args.length > 3 ? Double.parseDouble(args[3]) : 2));
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        if (threads > 0) {
            EngineSupport.configure(threads);
        }
        ImageDataset data = RunLayout.of(run).openDataset().orElseThrow();
        List<RawImage> images = new ArrayList<>();
        for (int i = 0; i < Math.min(64, data.size()); i++) {
            images.add(data.image(i));
        }
        try (ClusterPredictor predictor = ClusterPredictor.builder().setRunDirectory(run).optBatchSize(64).build()) {
            for (int i = 0; i < 300; i++) {
                predictor.batchPredict(List.of(images.get(i % images.size())));
            }
            System.out.printf(Locale.ROOT, "engine threads %d; one image per pass%n", EngineSupport.threads());
            for (int r = 0; r < rounds; r++) {
                for (long gap : new long[] {0, gapNanos}) {
                    long c0 = cpu();
                    long until = System.nanoTime() + length;
                    int n = 0;
                    while (System.nanoTime() < until) {
                        predictor.batchPredict(List.of(images.get(n++ % images.size())));
                        if (gap > 0) {
                            LockSupport.parkNanos(gap);
                        }
                    }
                    System.out.printf(Locale.ROOT, "round %d, pause %4.1f ms: %5d passes, %.3f CPU-ms per pass%n", r,
                            gap / 1e6, n, (cpu() - c0) / 1e6 / n);
                }
            }
        }
    }
}
