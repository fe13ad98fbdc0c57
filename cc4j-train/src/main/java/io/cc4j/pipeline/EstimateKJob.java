package io.cc4j.pipeline;

import io.cc4j.InvalidInputException;
import io.cc4j.cluster.FeatureMatrix;
import io.cc4j.cluster.KEstimate;
import io.cc4j.cluster.KEstimateFile;
import io.cc4j.cluster.KEstimator;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.engine.EngineSupport;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.model.FeatureKind;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.report.KEstimateChart;
import io.cc4j.run.RunLayout;
import io.cc4j.train.DataLimits;
import io.cc4j.train.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * What {@code cc4j estimate-k} runs: instance features of a seeded sample of the data through a trained model,
 * then {@link KEstimator} over a range of K; the result is kept in the run ({@code estimate-k.json}) with its
 * chart, which the report shows.
 */
public final class EstimateKJob {
    private final Path runDir;
    private final List<String> data;
    private final int minK;
    private final int maxK;
    private final int sample;
    private final long seed;
    private final int threads;

    private EstimateKJob(Path runDir, List<String> data, int minK, int maxK, int sample, long seed, int threads) {
        this.runDir = runDir;
        this.data = data;
        this.minK = minK;
        this.maxK = maxK;
        this.sample = sample;
        this.seed = seed;
        this.threads = threads;
    }

    /**
     * @param runDir the trained run
     * @param data dataset specs, or empty for the run's own data
     * @param minK smallest K tried
     * @param maxK largest K tried
     * @param sample images in the seeded sample
     * @param seed seed of the sample and of k-means
     * @param threads engine threads (0: all cores)
     * @return the job
     */
    public static EstimateKJob of(Path runDir, List<String> data, int minK, int maxK, int sample, long seed,
            int threads) {
        if (minK < 1 || maxK < minK) {
            throw new InvalidInputException("the K range must be a..b with 1 <= a <= b, got " + minK + ".." + maxK);
        }
        if (sample < 3) {
            throw new InvalidInputException("the sample must hold at least 3 images, got " + sample);
        }
        return new EstimateKJob(runDir, data == null ? List.of() : data, minK, maxK, sample, seed, threads);
    }

    /**
     * @param progress receives images done while features are computed, or null
     * @param listener receives each K's row as it is scored, or null
     * @return the estimate (also written to the run directory)
     */
    public KEstimate run(IntConsumer progress, KEstimator.Listener listener) {
        EngineSupport.configure(EngineSupport.orAllCores(threads));
        try (ClusterPredictor predictor = ClusterPredictor.load(runDir)) {
            List<String> specs = data.isEmpty() ? TrainConfig.fromJson(predictor.header().orElseThrow().configJson(),
                    runDir.toString()).get(DataLimits.DATA) : data;
            if (specs.isEmpty()) {
                throw InvalidSettingException.naming("data", name -> "the run " + runDir + " names no dataset; give "
                        + name);
            }
            KEstimate estimate;
            try (ImageDataset dataset = DatasetSpec.openAll(specs)) {
                int[] indices = FeatureMatrix.sampleIndices(dataset.size(), Math.min(sample, dataset.size()), seed);
                Assignments a = predictor.predict(dataset, indices, false, FeatureKind.INSTANCE, progress);
                KEstimator.Builder b = KEstimator.builder().optRange(minK, Math.min(maxK, indices.length - 1))
                        .optSampleSize(indices.length).optSeed(seed);
                if (listener != null) {
                    b.optListener(listener);
                }
                estimate = b.build().estimate(FeatureMatrix.of(a.features(), a.size(), a.featureDim()));
            }
            KEstimateFile.write(RunLayout.of(runDir), estimate);
            KEstimateChart.writePng(estimate, RunLayout.of(runDir).estimateKChart());
            return estimate;
        }
    }
}
