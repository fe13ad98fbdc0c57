package io.cc4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.cc4j.Seeds;
import io.cc4j.augment.PairBuilder;
import io.cc4j.augment.ViewBatch;
import io.cc4j.data.ImageDataset;
import io.cc4j.engine.EngineSupport;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.loss.LossValues;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.ParameterFile;
import io.cc4j.model.store.Provenance;
import io.cc4j.model.store.WeightsOrigin;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.run.InitialWeights;
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

    /** @return the phase with this label */
    static Phase phase(String label) {
        for (Phase p : Phase.values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no phase " + label);
    }

    /**
     * The running sums of the epoch in progress: restored from a step checkpoint on resume, so that the epoch's
     * record equals an uninterrupted run's.
     */
    static final class EpochTotals {
        double instanceSum;
        double clusterSum;
        int phaseSteps;
        Double instanceOnlyLoss;
        long images;
        long steps;
        long skipped;
        double secondsBefore;

        /** Closes the instance-only phase: its mean loss is kept, the sums start again for the full phase. */
        void endInstanceOnlyPhase() {
            instanceOnlyLoss = phaseSteps == 0 ? Double.NaN : instanceSum / phaseSteps;
            instanceSum = 0;
            clusterSum = 0;
            phaseSteps = 0;
        }

        static EpochTotals of(EpochProgress p) {
            EpochTotals t = new EpochTotals();
            t.instanceSum = p.instanceLossSum();
            t.clusterSum = p.clusterLossSum();
            t.phaseSteps = p.phaseSteps();
            t.instanceOnlyLoss = p.instanceOnlyLoss();
            t.images = p.images();
            t.steps = p.steps();
            t.skipped = p.skippedImages();
            t.secondsBefore = p.seconds();
            return t;
        }
    }

    /** Decides after each step whether to go on. */
    @FunctionalInterface
    interface AfterStep {
        /**
         * @param batchesDone batches of the phase trained so far
         * @param batches batches in the phase
         * @return true to stop the phase here
         */
        boolean stopAfter(int batchesDone, int batches);
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
    private final java.util.Set<Integer> reported = new java.util.HashSet<>();
    private boolean modelHandedOver;
    /** Where the initial weights came from; null for a random initialisation. */
    private WeightsOrigin origin;

    private TrainingSession(TrainConfig cfg, TrainingData given) {
        this.cfg = cfg;
        this.data = RunData.of(given, cfg);
        this.fingerprints = given.fingerprints();
        this.engine = EngineSupport.configure(EngineSupport.orAllCores(cfg.get(RunPolicy.THREADS)));
        this.model = cfg.modelSpec().build(Seeds.derive(cfg.get(RunPolicy.SEED), 0x5EED), cfg.get(Optimisation.SEPARATE_VIEWS));
        model.setChannelsLast(cfg.get(RunPolicy.CHANNELS_LAST));
        this.manager = model.manager();
        boolean frozen = cfg.get(Pretrained.FREEZE_BACKBONE);
        this.allParameters = TrainingStep.optimised(model, frozen);
        AdamOptimizer.Builder adam = AdamOptimizer.builder().optLearningRate(cfg.get(Optimisation.LEARNING_RATE))
                .optWeightDecay(cfg.get(Optimisation.WEIGHT_DECAY));
        if (cfg.get(Pretrained.BACKBONE_LR_SCALE) != 1.0) {
            adam.optRateScale(model.backboneParameters(), cfg.get(Pretrained.BACKBONE_LR_SCALE));
        }
        this.optimizer = adam.build();
        this.step = new TrainingStep(engine, model, optimizer, (float) (double) cfg.get(Optimisation.INSTANCE_TEMPERATURE),
                (float) (double) cfg.get(Optimisation.CLUSTER_TEMPERATURE), frozen);
        int workers = workers();
        this.pairs = new PairBuilder(data.train(), cfg.augment(), workers);
        this.instanceOnlyPairs = data.instanceOnly() == null ? null
                : new PairBuilder(data.instanceOnly(), cfg.augment(), workers);
    }

    static TrainingSession open(TrainConfig cfg, TrainingData data) {
        return new TrainingSession(cfg, data);
    }

    /**
     * Loads the initial weights the configuration names ({@link Pretrained#INIT_BACKBONE}) over the random
     * initialisation: only when a run starts, never on resume.
     *
     * @return where they came from, or null when the configuration names none
     */
    WeightsOrigin initialiseWeights() {
        String source = cfg.get(Pretrained.INIT_BACKBONE);
        if (source.isEmpty()) {
            return null;
        }
        origin = InitialWeights.load(source, cfg.get(Pretrained.INIT_PREFIX), cfg.get(Pretrained.INIT_HEADS), model);
        if (origin.normalization() != null && !origin.normalization().equals(cfg.get(Model.NORMALIZATION).id())) {
            LOG.warn("{} declares {} input normalisation; this run normalises its input as {}", source,
                    origin.normalization(), cfg.get(Model.NORMALIZATION).id());
        }
        LOG.info("initial weights: {}", origin.describe());
        return origin;
    }

    /** @return where the initial weights came from, or null for a random initialisation */
    WeightsOrigin origin() {
        return origin;
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

    /** @return batches of a phase (drop_last) */
    int batches(Phase phase) {
        ImageDataset set = phase == Phase.INSTANCE_ONLY ? data.instanceOnly() : data.train();
        return set.size() / cfg.get(Optimisation.BATCH_SIZE);
    }

    /** @return the shuffled order of a phase of an epoch: a function of (seed, epoch, phase) only */
    int[] order(int epoch, Phase phase) {
        ImageDataset set = phase == Phase.INSTANCE_ONLY ? data.instanceOnly() : data.train();
        return Seeds.permutation(set.size(), Seeds.derive(cfg.get(RunPolicy.SEED), epoch, phase.ordinal()));
    }

    /**
     * Trains the batches {@code startBatch..} of one phase of an epoch, adding to the epoch's totals.
     *
     * @param startBatch the first batch to train (0, or where a step checkpoint stopped)
     * @param after asked after every step whether to stop
     * @return true when {@code after} stopped the phase before its end
     */
    boolean runPhase(int epoch, Phase phase, TrainingListener listener, EpochTotals totals, int startBatch,
            AfterStep after) {
        boolean instanceOnly = phase == Phase.INSTANCE_ONLY;
        ImageDataset set = instanceOnly ? data.instanceOnly() : data.train();
        PairBuilder builder = instanceOnly ? instanceOnlyPairs : pairs;
        int b = cfg.get(Optimisation.BATCH_SIZE);
        int batches = set.size() / b;
        if (batches == 0) {
            throw InvalidSettingException.across(List.of(Optimisation.BATCH_SIZE), names -> "the training data ("
                    + set.description() + ") has " + set.size() + " images, fewer than one batch of " + b + "; lower "
                    + names.get(0));
        }
        int[] order = order(epoch, phase);
        listener.onPhaseStart(epoch, phase.label, batches);
        long t0 = System.nanoTime();
        Future<ViewBatch> next = startBatch < batches ? submit(builder, order, epoch, phase, startBatch) : null;
        for (int k = startBatch; k < batches; k++) {
            long w0 = System.nanoTime();
            ViewBatch views = PairBuilder.await(next);
            waitNanos += System.nanoTime() - w0;
            if (k + 1 < batches) {
                // Prefetch: the pool augments batch k+1 while the engine trains on batch k.
                next = submit(builder, order, epoch, phase, k + 1);
            }
            countSkipped(views, totals);
            LossValues losses = new LossValues(Double.NaN, Double.NaN);
            if (views.n() > 0) {
                losses = step.run(views, instanceOnly, epoch, k);
                totals.instanceSum += losses.instance();
                totals.clusterSum += losses.cluster();
                totals.phaseSteps++;
            }
            totals.images += views.n();
            totals.steps++;
            double seconds = (System.nanoTime() - t0) / 1e9;
            listener.onBatch(epoch, k, losses.instance(), losses.cluster(), (k + 1 - startBatch) * (double) b / seconds);
            if (after.stopAfter(k + 1, batches)) {
                return true;
            }
        }
        listener.onPhaseEnd(epoch, phase.label);
        int trained = Math.max(1, batches - startBatch);
        if (LOG.isDebugEnabled()) {
            LOG.debug("epoch {} {}: per batch {} ms waiting for views, {} ms forward+loss, {} ms backward, {} ms Adam",
                    epoch, phase.label, waitNanos / 1_000_000 / trained, step.times()[0] / 1_000_000 / trained,
                    step.times()[1] / 1_000_000 / trained, step.times()[2] / 1_000_000 / trained);
        }
        waitNanos = 0;
        step.resetTimes();
        return false;
    }

    private Future<ViewBatch> submit(PairBuilder builder, int[] order, int epoch, Phase phase, int batch) {
        int b = cfg.get(Optimisation.BATCH_SIZE);
        int[] indices = Arrays.copyOfRange(order, batch * b, (batch + 1) * b);
        long seed = batchSeed(epoch, phase, batch);
        return cfg.get(DataLimits.STRICT) ? builder.submit(indices, seed) : builder.submitSkippingUnreadable(indices, seed);
    }

    /** Unreadable images are counted every time they are left out, and reported once each. */
    private void countSkipped(ViewBatch views, EpochTotals totals) {
        for (ViewBatch.Skipped s : views.skipped()) {
            totals.skipped++;
            if (reported.add(s.index())) {
                LOG.warn("skipping an unreadable image ({}); the run goes on without it (strict makes this an"
                        + " error; counted as skipped_images in the run's metrics)", s.reason());
            }
        }
    }

    /** The seed of the augmentations of a batch: a function of (seed, epoch, phase, batch) only. */
    long batchSeed(int epoch, Phase phase, int batch) {
        return Seeds.derive(cfg.get(RunPolicy.SEED), epoch, phase.ordinal(), batch + 1L);
    }

    /** NMI, ACC and ARI of the cluster head on the fixed evaluation subset. */
    ClusteringScores evaluate() {
        try (ClusterPredictor predictor = ClusterPredictor.over(model, cfg.modelSpec(), cfg.get(Optimisation.BATCH_SIZE), workers())) {
            int[] subset = data.evaluationSubset();
            // Unreadable images were reported when training met them: here they are only left out.
            Assignments a = cfg.get(DataLimits.STRICT) ? predictor.predict(data.train(), subset, false, null, null)
                    : predictor.predict(data.train(), subset, false, null, null, skipped -> { });
            int[] truth = new int[a.size()];
            for (int i = 0; i < truth.length; i++) {
                truth[i] = data.train().label(a.indices()[i]);
            }
            return ClusteringScores.of(truth, a.clusters());
        }
    }

    /**
     * Writes a checkpoint.
     *
     * @param epoch epochs completed
     * @param progress where in the next epoch the run stands, or null at the end of an epoch
     */
    void save(Path file, int epoch, String configJson, EpochProgress progress) {
        Checkpoint.write(file, epoch, cfg.modelSpec(), Provenance.now(engine, fingerprints).withInitialWeights(origin),
                configJson,
                progress == null ? null : progress.toJson(), out -> ParameterFile.write(out, model),
                optimizer::writeState);
    }

    void load(Checkpoint.Verified checkpoint) {
        checkpoint.readSections(in -> ParameterFile.read(in, model), optimizer::readState);
        optimizer.checkCompatible(allParameters);
        Provenance p = checkpoint.header().provenance();
        origin = p == null ? null : p.initialWeights();
    }


    /**
     * Hands the trained network to the caller, who closes it; closing the session then leaves it open.
     *
     * @param result what the run did
     * @return the network with the result, ready to predict
     */
    TrainedModel handOver(TrainingResult result) {
        modelHandedOver = true;
        return new TrainedModel(result, model, cfg.modelSpec(), cfg.get(Optimisation.BATCH_SIZE), workers());
    }

    private int workers() {
        return cfg.get(DataLimits.WORKERS) > 0 ? cfg.get(DataLimits.WORKERS) : Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void close() {
        if (instanceOnlyPairs != null) {
            instanceOnlyPairs.close();
        }
        pairs.close();
        optimizer.close();
        step.close();
        if (!modelHandedOver) {
            model.close();
        }
    }
}
