package io.cc4j.bench;

import io.cc4j.InvalidInputException;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.augment.PairBuilder;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.ImageShape;
import io.cc4j.data.InMemoryDataset;
import io.cc4j.data.RawImage;
import io.cc4j.engine.ResidentMemory;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures pair-construction throughput: views per second of {@link PairBuilder#build} (two views per
 * image), the median over timed repeats after a warm-up, with the worker threads used and the peak
 * resident memory of the process. A benchmark, not a test: the figures depend on the machine.
 */
public final class AugmentBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(AugmentBenchmark.class);
    private static final double MIN_REPEAT_SECONDS = 0.5;
    private static final double MIN_WARMUP_SECONDS = 1.0;

    private AugmentBenchmark() {
    }

    /**
     * What to measure.
     *
     * @param config augmentations and output size
     * @param batch images per batch (each gives two views)
     * @param workers worker threads
     * @param repeats timed repeats (each at least half a second and one batch)
     * @param warmup untimed batches first (at least one second in total)
     */
    public record Options(AugmentConfig config, int batch, int workers, int repeats, int warmup) {
        /** Validates, naming the value at fault. */
        public Options {
            if (config == null) {
                throw new InvalidInputException("benchmark needs an augmentation configuration");
            }
            if (batch < 1) {
                throw new InvalidInputException("benchmark batch " + batch + " must be at least 1");
            }
            if (workers < 1) {
                throw new InvalidInputException("benchmark workers " + workers + " must be at least 1");
            }
            if (repeats < 1) {
                throw new InvalidInputException("benchmark repeats " + repeats + " must be at least 1");
            }
            if (warmup < 0) {
                throw new InvalidInputException("benchmark warm-up " + warmup + " must not be negative");
            }
        }
    }

    /**
     * Measured figures.
     *
     * @param source what the images were
     * @param config augmentations measured
     * @param batch images per batch
     * @param workers worker threads used
     * @param viewsPerSecond median over the repeats
     * @param repeatViewsPerSecond each repeat's figure, in order
     * @param viewsPerCpuSecond views per second of process CPU time over all repeats, or -1 when unknown;
     *     on a shared machine this shows what the workers achieve when they get the cores
     * @param loadAverage the system's one-minute load average at the end, or -1 when unknown
     * @param peakRssBytes peak resident set size of the process (VmHWM), or -1 when unknown
     */
    public record Result(String source, AugmentConfig config, int batch, int workers, double viewsPerSecond,
            double[] repeatViewsPerSecond, double viewsPerCpuSecond, double loadAverage, long peakRssBytes) {
    }

    /**
     * Runs the benchmark on {@code data}, cycling through its images.
     *
     * @param data images to augment
     * @param options what to measure
     * @return the figures
     */
    public static Result run(ImageDataset data, Options options) {
        if (data.size() < 1) {
            throw new InvalidInputException("benchmark dataset " + data.description() + " is empty");
        }
        int batch = options.batch();
        int[] indices = new int[batch];
        double[] rates = new double[options.repeats()];
        double perCpu;
        try (PairBuilder pcb = new PairBuilder(data, options.config(), options.workers())) {
            long cursor = 0;
            long warmStart = System.nanoTime();
            for (int b = 0; b < options.warmup() || seconds(warmStart) < MIN_WARMUP_SECONDS; b++) {
                cursor = fill(indices, cursor, data.size());
                pcb.build(indices, cursor);
            }
            long cpuStart = processCpuNanos();
            long totalViews = 0;
            for (int r = 0; r < rates.length; r++) {
                long views = 0;
                long start = System.nanoTime();
                do {
                    cursor = fill(indices, cursor, data.size());
                    views += pcb.build(indices, cursor).n() * 2L;
                } while (seconds(start) < MIN_REPEAT_SECONDS);
                rates[r] = views / seconds(start);
                totalViews += views;
                LOG.debug("repeat {}: {} views/s", r, rates[r]);
            }
            long cpuEnd = processCpuNanos();
            perCpu = cpuStart < 0 || cpuEnd <= cpuStart ? -1 : totalViews / ((cpuEnd - cpuStart) / 1e9);
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new Result(data.description(), options.config(), batch, options.workers(), median(rates), rates,
                perCpu, load < 0 ? -1 : load, ResidentMemory.peakBytes());
    }

    /**
     * Random RGB images held in memory, so decoding costs nothing and only augmentation is measured.
     *
     * @param count images
     * @param height rows
     * @param width columns
     * @param seed seed of the pixel values
     * @return the dataset (unlabelled)
     */
    public static ImageDataset syntheticImages(int count, int height, int width, long seed) {
        if (count < 1 || height < 1 || width < 1) {
            throw new InvalidInputException("synthetic images " + count + " x " + height + "x" + width
                    + " need positive sizes");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        RawImage[] images = new RawImage[count];
        for (int i = 0; i < count; i++) {
            byte[] p = new byte[3 * height * width];
            rng.nextBytes(p);
            images[i] = new RawImage(3, height, width, p);
        }
        return InMemoryDataset.of(List.of(images))
                .withDescription("synthetic " + count + " random images " + new ImageShape(3, height, width));
    }


    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long fill(int[] indices, long cursor, int size) {
        for (int i = 0; i < indices.length; i++) {
            indices[i] = (int) ((cursor + i) % size);
        }
        return cursor + indices.length;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
