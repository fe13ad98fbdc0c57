package io.cc4j.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.cc4j.InvalidInputException;
import io.cc4j.augment.ViewBatch;
import io.cc4j.engine.EngineSupport;
import io.cc4j.engine.ResidentMemory;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.FlopCount;
import io.cc4j.model.MemoryLayouts;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import io.cc4j.train.AdamOptimizer;
import io.cc4j.train.TrainingStep;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one Contrastive Clustering training step on random views, through the code training runs
 * ({@link TrainingStep}): the copy of the views from the host into the engine, forward of both views (joint or
 * separate, as configured), instance and cluster losses, backward, Adam update; with the backbone frozen, or at
 * a smaller learning rate, as configured, and several of these side by side ({@link #run(List)}). The figure is views per second (2 x batch / median step time over
 * the timed repeats, after untimed warm-up steps), with the threads used and the process's peak resident
 * memory.
 */
public final class StepBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(StepBenchmark.class);

    private final BackboneType backbone;
    private final Stem stem;
    private final int width;
    private final int size;
    private final int batch;
    private final int clusters;
    private final int threads;
    private final int repeats;
    private final int warmup;
    private final boolean separateViews;
    private final boolean channelsLast;
    private final long seed;
    private final boolean freezeBackbone;
    private final double backboneLrScale;

    private StepBenchmark(Builder b) {
        backbone = b.backbone;
        stem = b.stem;
        width = b.width;
        size = b.size;
        batch = b.batch;
        clusters = b.clusters;
        threads = b.threads;
        repeats = b.repeats;
        warmup = b.warmup;
        separateViews = b.separateViews;
        channelsLast = b.channelsLast != null ? b.channelsLast : MemoryLayouts.trainingChannelsLast(b.stem, b.size);
        seed = b.seed;
        freezeBackbone = b.freezeBackbone;
        backboneLrScale = b.backboneLrScale;
    }

    /** @return a builder with the defaults of {@code cc4j bench step} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How the backbone trains in a measured step.
     *
     * @param frozen the backbone in eval mode without gradients; only the heads train
     * @param lrScale the backbone's learning rate as a fraction of the heads' (1: the same)
     */
    public record BackboneTraining(boolean frozen, double lrScale) {
        /** The whole network trains at one rate. */
        public static final BackboneTraining FULL = new BackboneTraining(false, 1.0);
        /** The backbone frozen. */
        public static final BackboneTraining FROZEN = new BackboneTraining(true, 1.0);

        /** @return e.g. {@code full}, {@code frozen}, {@code lr x0.1} */
        public String label() {
            return frozen ? "frozen" : lrScale == 1.0 ? "full" : "lr x" + io.cc4j.option.Setting.format(lrScale);
        }
    }

    /**
     * Builds the model and runs the warm-up and timed steps.
     *
     * @return the measured figures
     */
    public StepBenchmarkResult run() {
        return run(List.of(new BackboneTraining(freezeBackbone, backboneLrScale))).get(0);
    }

    /**
     * Measures several ways of training the backbone side by side: one model each (same seed), each warmed up, then
     * the timed steps taken in turn (A, B, C, A, B, C, ...), so that a change in the machine's load falls on all of
     * them alike.
     *
     * @param modes the ways to measure
     * @return their figures, in the same order
     */
    public List<StepBenchmarkResult> run(List<BackboneTraining> modes) {
        Engine engine = EngineSupport.configure(EngineSupport.orAllCores(threads));
        ModelSpec spec = new ModelSpec(backbone, stem, width, 128, clusters, size);
        List<Measured> measured = new ArrayList<>();
        try {
            for (BackboneTraining mode : modes) {
                measured.add(new Measured(engine, mode));
            }
            ViewBatch views = randomViews(seed);
            for (Measured m : measured) {
                for (int i = 0; i < warmup; i++) {
                    m.step(views, i, true);
                }
            }
            for (int i = 0; i < repeats; i++) {
                for (Measured m : measured) {
                    m.step(views, warmup + i, false);
                }
            }
            List<StepBenchmarkResult> results = new ArrayList<>();
            for (Measured m : measured) {
                results.add(m.result(spec));
            }
            return results;
        } finally {
            measured.forEach(Measured::close);
        }
    }

    /** One way of training, its model and its timings. */
    private final class Measured implements AutoCloseable {
        final BackboneTraining mode;
        final ContrastiveModel model;
        final AdamOptimizer adam;
        final TrainingStep step;
        final List<Double> times = new ArrayList<>();
        final List<Double> cpuTimes = new ArrayList<>();
        double loss = Double.NaN;

        Measured(Engine engine, BackboneTraining mode) {
            this.mode = mode;
            this.model = ContrastiveModel.builder().optBackbone(backbone).optStem(stem).optWidth(width)
                    .setClusters(clusters).optSeparateViews(separateViews).optSeed(seed)
                    .optChannelsLast(channelsLast).build();
            AdamOptimizer.Builder b = AdamOptimizer.builder();
            if (mode.lrScale() != 1.0) {
                b.optRateScale(model.backboneParameters(), mode.lrScale());
            }
            this.adam = b.build();
            this.step = new TrainingStep(engine, model, adam, 0.5f, 1.0f, mode.frozen());
        }

        void step(ViewBatch views, int i, boolean warm) {
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            loss = step.run(views, false, 1, i).total();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            LOG.info("{} step {}{}: {} s wall, {} s cpu, loss {}", mode.label(), i + 1, warm ? " (warm-up)" : "",
                    String.format("%.3f", seconds), String.format("%.3f", cpuSeconds), loss);
            if (!warm) {
                times.add(seconds);
                cpuTimes.add(cpuSeconds);
            }
        }

        StepBenchmarkResult result(ModelSpec spec) {
            double median = median(times);
            long flops = mode.frozen() ? FlopCount.frozenBackboneFlopsPerView(spec) : FlopCount.trainingFlopsPerView(spec);
            return new StepBenchmarkResult(backbone, stem, width, size, batch, clusters, JniUtils.getNumThreads(),
                    separateViews, warmup, List.copyOf(times), median, 2.0 * batch / median,
                    2.0 * batch / times.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    median(cpuTimes), ResidentMemory.peakBytes(), (float) loss, channelsLast, flops,
                    flops * (2.0 * batch / median) / 1e9, mode.frozen(), mode.lrScale());
        }

        @Override
        public void close() {
            step.close();
            adam.close();
            model.close();
        }
    }

    /** Uniform random views in [0,1), on the host like the pair builder's, from the seed. */
    private ViewBatch randomViews(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] data = new float[Math.multiplyExact(2 * batch * 3 * size, size)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble();
        }
        return new ViewBatch(batch, 3, size, data);
    }

    /** CPU time of the whole process (all threads), to tell slow code from a busy machine. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Options of the benchmark; each setter validates its value. */
    public static final class Builder {
        private BackboneType backbone = BackboneType.RESNET18;
        private Stem stem = Stem.CIFAR;
        private int width = 64;
        private int size = 32;
        private int batch = 128;
        private int clusters = 10;
        private int threads;
        private int repeats = 5;
        private int warmup = 2;
        private boolean separateViews;
        private Boolean channelsLast;
        private long seed = 42;
        private boolean freezeBackbone;
        private double backboneLrScale = 1.0;

        private Builder() {
        }

        /** @param v train the heads only, the backbone frozen (default false) @return this builder */
        public Builder optFreezeBackbone(boolean v) {
            freezeBackbone = v;
            return this;
        }

        /** @param v the backbone's learning rate as a fraction of the heads', in (0, 1] (default 1) @return this builder */
        public Builder optBackboneLrScale(double v) {
            if (!(v > 0 && v <= 1)) {
                throw new InvalidInputException("backbone learning rate scale must be in (0, 1], got " + v);
            }
            backboneLrScale = v;
            return this;
        }

        /** @param v backbone (default RESNET18) @return this builder */
        public Builder optBackbone(BackboneType v) {
            backbone = v;
            return this;
        }

        /** @param v stem (default CIFAR) @return this builder */
        public Builder optStem(Stem v) {
            stem = v;
            return this;
        }

        /** @param v channels of the first ResNet stage (default 64 = torchvision) @return this builder */
        public Builder optWidth(int v) {
            width = atLeast("width", v, 1);
            return this;
        }

        /** @param v image side in pixels, at least 8 (default 32) @return this builder */
        public Builder optSize(int v) {
            size = atLeast("size", v, 8);
            return this;
        }

        /** @param v images per step, at least 2 (default 128) @return this builder */
        public Builder optBatch(int v) {
            batch = atLeast("batch", v, 2);
            return this;
        }

        /** @param v clusters K, at least 2 (default 10) @return this builder */
        public Builder optClusters(int v) {
            clusters = atLeast("clusters K", v, 2);
            return this;
        }

        /** @param v intra-op threads, 0 for the engine default (default 0) @return this builder */
        public Builder optThreads(int v) {
            threads = atLeast("threads", v, 0);
            return this;
        }

        /** @param v timed steps, at least 1 (default 5) @return this builder */
        public Builder optRepeats(int v) {
            repeats = atLeast("repeats", v, 1);
            return this;
        }

        /** @param v untimed warm-up steps, at least 0 (default 2) @return this builder */
        public Builder optWarmup(int v) {
            warmup = atLeast("warmup", v, 0);
            return this;
        }

        /** @param v run the two views as two batches instead of one (default false) @return this builder */
        public Builder optSeparateViews(boolean v) {
            separateViews = v;
            return this;
        }

        /**
         * @param v run the backbone on channels-last (true) or channels-first (false) data; null (the default) takes
         *     {@link MemoryLayouts#trainingChannelsLast}
         * @return this builder
         */
        public Builder optChannelsLast(Boolean v) {
            channelsLast = v;
            return this;
        }

        /** @param v seed of initialisation and input (default 42) @return this builder */
        public Builder optSeed(long v) {
            seed = v;
            return this;
        }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new InvalidInputException(name + " must be at least " + min + ", got " + value);
            }
            return value;
        }

        /** @return the benchmark */
        public StepBenchmark build() {
            return new StepBenchmark(this);
        }
    }
}
