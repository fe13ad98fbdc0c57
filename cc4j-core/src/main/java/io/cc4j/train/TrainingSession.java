package io.cc4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.cc4j.InvalidInputException;
import io.cc4j.augment.PairBuilder;
import io.cc4j.augment.ViewBatch;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.data.ImageDataset;
import io.cc4j.engine.EngineSupport;
import io.cc4j.loss.LossValues;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.ParameterFile;
import io.cc4j.model.store.Provenance;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Everything one training run holds open: the data, the pair constructors, the model, the losses and the
 * optimizer. One step is: views of batch k (prefetched while batch k-1 trained) -> forward of both views ->
 * instance loss (+ cluster loss) -> backward -> Adam.
 */
final class TrainingSession implements AutoCloseable {
    /** Which losses a phase trains. */
    enum Phase {
        /** STL-10 mode: instance loss only, over the unlabeled split. */
        INSTANCE_ONLY("instance-only"),
        /** Instance loss + cluster loss. */
        FULL("full");

        final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    /** Mean losses and image count of one phase. */
    record PhaseStats(double meanInstanceLoss, double meanClusterLoss, long images) {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainingSession.class);

    private final TrainConfig cfg;
    // Where a step's time goes, reported at debug level after each phase.
    private long waitNanos;
    private final Engine engine;
    private final NDManager manager;
    private final ContrastiveModel model;
    private final AdamOptimizer optimizer;
    private final TrainingStep step;
    private final RunData data;
    private final java.util.List<io.cc4j.data.DatasetFingerprint> fingerprints;
    private final PairBuilder pairs;
    private final PairBuilder instanceOnlyPairs;
    private final List<Parameter> allParameters;

    private TrainingSession(TrainConfig cfg, TrainingData given) {
        this.cfg = cfg;
        this.data = RunData.of(given, cfg);
        this.fingerprints = given.fingerprints();
        this.engine = EngineSupport.configure(EngineSupport.orAllCores(cfg.threads()));
        this.model = cfg.modelSpec().build(Seeds.derive(cfg.seed(), 0x5EED), !cfg.separateViews());
        this.manager = model.manager();
        this.allParameters = model.trainableParameters();
        this.optimizer = AdamOptimizer.builder().optLearningRate(cfg.learningRate())
                .optWeightDecay(cfg.weightDecay()).build();
        this.step = new TrainingStep(engine, model, optimizer, (float) cfg.instanceTemperature(),
                (float) cfg.clusterTemperature());
        int workers = cfg.workers() > 0 ? cfg.workers() : Runtime.getRuntime().availableProcessors();
        this.pairs = new PairBuilder(data.train(), cfg.augment(), workers);
        this.instanceOnlyPairs = data.instanceOnly() == null ? null
                : new PairBuilder(data.instanceOnly(), cfg.augment(), workers);
    }

    static TrainingSession open(TrainConfig cfg, TrainingData data) {
        return new TrainingSession(cfg, data);
    }

    /** @return fingerprints of the data this session trains on */
    java.util.List<io.cc4j.data.DatasetFingerprint> fingerprints() {
        return fingerprints;
    }

    boolean hasInstanceOnlyData() {
        return instanceOnlyPairs != null;
    }

    boolean canEvaluate() {
        return data.train().hasLabels();
    }

    PhaseStats runPhase(int epoch, Phase phase, TrainingListener listener) {
        boolean instanceOnly = phase == Phase.INSTANCE_ONLY;
        ImageDataset set = instanceOnly ? data.instanceOnly() : data.train();
        PairBuilder builder = instanceOnly ? instanceOnlyPairs : pairs;
        int b = cfg.batchSize();
        int batches = set.size() / b;
        if (batches == 0) {
            throw new InvalidInputException("the training data (" + set.description() + ") has " + set.size()
                    + " images, fewer than one batch of " + b + "; lower --batch-size");
        }
        int[] order = Seeds.permutation(set.size(), Seeds.derive(cfg.seed(), epoch, phase.ordinal()));
        listener.onPhaseStart(epoch, phase.label, batches);
        long t0 = System.nanoTime();
        double sumInstance = 0;
        double sumCluster = 0;
        Future<ViewBatch> next = builder.submit(Arrays.copyOfRange(order, 0, b), batchSeed(epoch, phase, 0));
        for (int k = 0; k < batches; k++) {
            long w0 = System.nanoTime();
            ViewBatch views = PairBuilder.await(next);
            waitNanos += System.nanoTime() - w0;
            if (k + 1 < batches) {
                // Prefetch: the pool augments batch k+1 while the engine trains on batch k.
                next = builder.submit(Arrays.copyOfRange(order, (k + 1) * b, (k + 2) * b), batchSeed(epoch, phase, k + 1));
            }
            LossValues losses = step.run(views, instanceOnly, epoch, k);
            sumInstance += losses.instance();
            sumCluster += losses.cluster();
            double seconds = (System.nanoTime() - t0) / 1e9;
            listener.onBatch(epoch, k, losses.instance(), losses.cluster(), (k + 1) * (double) b / seconds);
        }
        listener.onPhaseEnd(epoch, phase.label);
        if (LOG.isDebugEnabled()) {
            LOG.debug("epoch {} {}: per batch {} ms waiting for views, {} ms forward+loss, {} ms backward, {} ms Adam",
                    epoch, phase.label, waitNanos / 1_000_000 / batches, step.times()[0] / 1_000_000 / batches,
                    step.times()[1] / 1_000_000 / batches, step.times()[2] / 1_000_000 / batches);
        }
        waitNanos = 0;
        step.resetTimes();
        return new PhaseStats(sumInstance / batches, sumCluster / batches, (long) batches * b);
    }

    private long batchSeed(int epoch, Phase phase, int batch) {
        return Seeds.derive(cfg.seed(), epoch, phase.ordinal(), batch + 1L);
    }

    /** NMI, ACC and ARI of the cluster head on the fixed evaluation subset. */
    ClusteringScores evaluate() {
        int workers = cfg.workers() > 0 ? cfg.workers() : Runtime.getRuntime().availableProcessors();
        try (ClusterPredictor predictor = ClusterPredictor.over(model, cfg.modelSpec(), cfg.batchSize(), workers)) {
            int[] subset = data.evaluationSubset();
            Assignments a = predictor.predict(data.train(), subset, false, null, null);
            int[] truth = new int[subset.length];
            for (int i = 0; i < subset.length; i++) {
                truth[i] = data.train().label(subset[i]);
            }
            return ClusteringScores.of(truth, a.clusters());
        }
    }

    void save(Path file, int epoch, String configJson) {
        Checkpoint.write(file, epoch, cfg.modelSpec(), Provenance.now(engine, fingerprints), configJson,
                out -> ParameterFile.write(out, model), optimizer::writeState);
    }

    void load(Checkpoint.Verified checkpoint) {
        checkpoint.readSections(in -> ParameterFile.read(in, model), optimizer::readState);
        optimizer.checkCompatible(allParameters);
    }


    @Override
    public void close() {
        if (instanceOnlyPairs != null) {
            instanceOnlyPairs.close();
        }
        pairs.close();
        optimizer.close();
        step.close();
        model.close();
    }
}
