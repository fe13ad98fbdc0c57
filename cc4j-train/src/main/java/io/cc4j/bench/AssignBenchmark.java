package io.cc4j.bench;

import ai.djl.pytorch.jni.JniUtils;
import io.cc4j.InvalidInputException;
import io.cc4j.data.InMemoryDataset;
import io.cc4j.data.RawImage;
import io.cc4j.engine.EngineSupport;
import io.cc4j.engine.ResidentMemory;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.Stem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures online assignment end to end, from decoded images to cluster probabilities, through
 * {@link ClusterPredictor} (test transform on the predictor's worker pool, the next batch prepared while the
 * network runs, eval-mode forward): images per second over the timed repeats, after one warm-up pass, and the
 * process's peak resident memory. The model has random weights of the chosen shape; speed does not depend on
 * the weights.
 */
public final class AssignBenchmark {
    private static final Logger LOG = LoggerFactory.getLogger(AssignBenchmark.class);

    private final Builder options;

    private AssignBenchmark(Builder options) {
        this.options = options;
    }

    /** @return a builder with the defaults of {@code cc4j bench assign} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Figures of one run.
     *
     * @param backbone backbone
     * @param stem stem
     * @param width first-stage channels
     * @param size network input size
     * @param sourceSize edge of the decoded images before the test transform
     * @param channels channels of the decoded images
     * @param batch images per forward pass
     * @param threads libtorch intra-op threads
     * @param workers threads preparing images
     * @param images images per timed pass
     * @param seconds duration of each timed pass
     * @param imagesPerSecond images / median pass time
     * @param peakRssBytes peak resident memory of the process, -1 if unknown
     * @param channelsLast whether the backbone ran on channels-last data
     */
    public record Result(BackboneType backbone, Stem stem, int width, int size, int sourceSize, int channels,
            int batch, int threads, int workers, int images, List<Double> seconds, double imagesPerSecond,
            long peakRssBytes, boolean channelsLast) {
    }

    /** @return the measured figures */
    public Result run() {
        Builder o = options;
        EngineSupport.configure(EngineSupport.orAllCores(o.threads));
        ModelSpec spec = new ModelSpec(o.backbone, o.stem == null ? Stem.forImageSize(o.size) : o.stem, o.width,
                128, o.clusters, o.size);
        InMemoryDataset data = InMemoryDataset.of(images(o));
        int[] all = new int[o.count];
        java.util.Arrays.setAll(all, i -> i);
        int workers = EngineSupport.orAllCores(o.workers);
        try (ContrastiveModel model = spec.build(o.seed, false);
                ClusterPredictor predictor = ClusterPredictor.over(model, spec, o.batch, workers)) {
            if (o.channelsLast != null) {
                model.setChannelsLast(o.channelsLast);
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < o.repeats + 1; i++) {
                long t0 = System.nanoTime();
                predictor.predict(data, all, true, null, null);
                double s = (System.nanoTime() - t0) / 1e9;
                LOG.info("pass {}{}: {} images in {} s", i + 1, i == 0 ? " (warm-up)" : "", o.count,
                        String.format("%.3f", s));
                if (i > 0) {
                    times.add(s);
                }
            }
            double median = StepBenchmark.median(times);
            return new Result(o.backbone, spec.stem(), o.width, o.size, o.sourceSize(), o.channels, o.batch,
                    JniUtils.getNumThreads(), workers, o.count, List.copyOf(times), o.count / median,
                    ResidentMemory.peakBytes(), model.isChannelsLast());
        }
    }

    private static List<RawImage> images(Builder o) {
        SplittableRandom random = new SplittableRandom(o.seed);
        int side = o.sourceSize();
        List<RawImage> list = new ArrayList<>(o.count);
        for (int i = 0; i < o.count; i++) {
            byte[] px = new byte[o.channels * side * side];
            for (int j = 0; j < px.length; j++) {
                px[j] = (byte) random.nextInt(256);
            }
            list.add(new RawImage(o.channels, side, side, px));
        }
        return list;
    }

    /** Options, each validated as it is set. */
    public static final class Builder {
        private BackboneType backbone = BackboneType.RESNET18;
        private Stem stem;
        private int width = 64;
        private int size = 32;
        private int sourceSize;
        private int channels = 3;
        private int clusters = 10;
        private int batch = 256;
        private int threads;
        private int workers;
        private int count = 4096;
        private int repeats = 3;
        private long seed = 42;
        private Boolean channelsLast;

        private Builder() {
        }

        int sourceSize() {
            return sourceSize > 0 ? sourceSize : size;
        }

        /** @param v backbone (default RESNET18) @return this builder */
        public Builder optBackbone(BackboneType v) { backbone = v; return this; }
        /** @param v stem (default: by image size) @return this builder */
        public Builder optStem(Stem v) { stem = v; return this; }
        /** @param v first-stage channels (default 64) @return this builder */
        public Builder optWidth(int v) { width = atLeast("width", v, 1); return this; }
        /** @param v network input size (default 32) @return this builder */
        public Builder optSize(int v) { size = atLeast("size", v, 8); return this; }
        /** @param v edge of the decoded images (default: the input size, so resizing is a copy) @return this */
        public Builder optSourceSize(int v) { sourceSize = atLeast("source size", v, 1); return this; }
        /** @param v channels of the decoded images, 1 or 3 (default 3) @return this builder */
        public Builder optChannels(int v) {
            if (v != 1 && v != 3) {
                throw new InvalidInputException("channels must be 1 or 3, got " + v);
            }
            channels = v;
            return this;
        }
        /** @param v clusters K (default 10) @return this builder */
        public Builder optClusters(int v) { clusters = atLeast("clusters", v, 2); return this; }
        /** @param v images per forward pass (default 256) @return this builder */
        public Builder optBatch(int v) { batch = atLeast("batch", v, 1); return this; }
        /** @param v libtorch threads, 0 for all cores (default 0) @return this builder */
        public Builder optThreads(int v) { threads = atLeast("threads", v, 0); return this; }
        /** @param v threads preparing images, 0 for all cores (default 0) @return this builder */
        public Builder optWorkers(int v) { workers = atLeast("workers", v, 0); return this; }
        /** @param v images per timed pass (default 4096) @return this builder */
        public Builder optCount(int v) { count = atLeast("count", v, 1); return this; }
        /** @param v timed passes after one warm-up (default 3) @return this builder */
        public Builder optRepeats(int v) { repeats = atLeast("repeats", v, 1); return this; }
        /**
         * @param v run the backbone on channels-last (true) or channels-first (false) data; null (the default) keeps
         *     the model's default layout
         * @return this builder
         */
        public Builder optChannelsLast(Boolean v) { channelsLast = v; return this; }
        /** @param v seed of weights and images (default 42) @return this builder */
        public Builder optSeed(long v) { seed = v; return this; }

        private static int atLeast(String name, int value, int min) {
            if (value < min) {
                throw new InvalidInputException(name + " must be at least " + min + ", got " + value);
            }
            return value;
        }

        /** @return the benchmark */
        public AssignBenchmark build() {
            return new AssignBenchmark(this);
        }
    }
}
