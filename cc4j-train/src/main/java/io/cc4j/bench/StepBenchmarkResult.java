package io.cc4j.bench;

import io.cc4j.model.BackboneType;
import io.cc4j.model.Stem;
import java.util.List;

/**
 * Figures of one {@link StepBenchmark} run.
 *
 * @param backbone backbone measured
 * @param stem stem measured
 * @param width channels of the first ResNet stage
 * @param size image side in pixels
 * @param batch images per step (each gives two views)
 * @param clusters K
 * @param threads libtorch intra-op threads in use
 * @param separateViews whether the two views ran as two batches instead of one
 * @param warmup untimed steps before the timed ones
 * @param stepSeconds duration of each timed step
 * @param medianStepSeconds median of {@code stepSeconds}
 * @param viewsPerSecond 2 * batch / median step time
 * @param bestViewsPerSecond 2 * batch / fastest timed step: on a shared machine the step least disturbed by
 *     other processes
 * @param medianCpuSeconds median process CPU time per timed step (all threads); close to threads x wall
 *     time when the machine is otherwise idle, lower when other processes compete for the cores
 * @param peakRssBytes peak resident memory of the process (VmHWM), -1 if unknown
 * @param lastLoss total loss of the last step (a sanity check: finite)
 * @param channelsLast whether the backbone ran on channels-last data
 * @param flopsPerView FLOPs of one training step per view, counted from the layer shapes ({@code FlopCount})
 * @param gflops achieved GFLOP/s: flopsPerView x viewsPerSecond / 1e9
 * @param frozenBackbone whether the backbone was frozen (eval mode, no gradients, only the heads trained)
 * @param backboneLrScale the backbone's learning rate as a fraction of the heads'
 */
public record StepBenchmarkResult(
        BackboneType backbone,
        Stem stem,
        int width,
        int size,
        int batch,
        int clusters,
        int threads,
        boolean separateViews,
        int warmup,
        List<Double> stepSeconds,
        double medianStepSeconds,
        double viewsPerSecond,
        double bestViewsPerSecond,
        double medianCpuSeconds,
        long peakRssBytes,
        float lastLoss,
        boolean channelsLast,
        long flopsPerView,
        double gflops,
        boolean frozenBackbone,
        double backboneLrScale) {

    /** @return how the backbone trained: {@code full}, {@code frozen} or e.g. {@code lr x0.1} */
    public String backboneTraining() {
        return new StepBenchmark.BackboneTraining(frozenBackbone, backboneLrScale).label();
    }
}
