package io.cc4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.Seeds;
import io.cc4j.augment.PairBuilder;
import io.cc4j.augment.ViewBatch;
import io.cc4j.engine.EngineSupport;
import io.cc4j.engine.GraphConstants;
import io.cc4j.engine.NoGrad;
import io.cc4j.inference.Assignments;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.io.AtomicFiles;
import io.cc4j.loss.PseudoLabelCrossEntropy;
import io.cc4j.loss.PseudoLabelInstanceLoss;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.CheckpointStore;
import io.cc4j.model.store.ParameterFile;
import io.cc4j.model.store.Provenance;
import io.cc4j.model.store.StoredModel;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-labeling boost stage after Contrastive Clustering, as TCL's published code runs it ({@code boost.py},
 * {@code engine.boost_one_epoch}). Each epoch goes through the shuffled data batch by batch; for each batch it
 *
 * <ol>
 *   <li>predicts the test-transformed images in eval mode without gradient and updates their pseudo-labels
 *       ({@link PseudoLabels});</li>
 *   <li>from the second epoch on, trains on a weak and a strong view of the images: the instance loss without
 *       false negatives ({@link PseudoLabelInstanceLoss}) plus the weighted cross-entropy of the strong views'
 *       cluster logits against the pseudo-labels ({@link PseudoLabelCrossEntropy}), with Adam (lr 1e-4, weight
 *       decay 1e-4).</li>
 * </ol>
 *
 * It writes its own run directory: {@code config.json} (the CC run's configuration, which inference reads like
 * any other), {@code boost.json}, {@code boost.jsonl} and checkpoints holding the parameters, Adam's state and the
 * pseudo-labels, so that {@link #resume} continues exactly.
 */
public final class BoostTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(BoostTrainer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainingListener listener;

    /** @param listener progress receiver, or null */
    public BoostTrainer(TrainingListener listener) {
        this.listener = listener == null ? new TrainingListener() { } : listener;
    }

    /**
     * What a boost run did.
     *
     * @param runDir the boost run directory
     * @param epochsCompleted epochs boosted so far, over all sessions of the run
     * @param epochsPlanned the run's epoch total; fewer completed means a listener stopped it
     * @param history one record per epoch
     * @param lastCheckpoint the newest checkpoint written
     * @param seconds time this session took
     * @param stoppedAt where in an epoch a listener stopped the run (a step checkpoint was written there), or null
     *     when it ended at the end of an epoch
     */
    public record Result(Path runDir, int epochsCompleted, int epochsPlanned, List<BoostEpochRecord> history,
            Path lastCheckpoint, double seconds, BoostProgress stoppedAt) {
        /** A result at the end of an epoch. */
        public Result(Path runDir, int epochsCompleted, int epochsPlanned, List<BoostEpochRecord> history,
                Path lastCheckpoint, double seconds) {
            this(runDir, epochsCompleted, epochsPlanned, history, lastCheckpoint, seconds, null);
        }
    }

    /**
     * The settings of a boost run's training configuration that a new boost run may set (the others come from the
     * CC run it starts from): whether an unreadable image stops it, and how often it checkpoints in an epoch.
     */
    public static final io.cc4j.option.SettingGroup RUN_SETTINGS = io.cc4j.option.SettingGroup.of(
            "Data and checkpoints", DataLimits.STRICT, RunPolicy.CHECKPOINT_MINUTES, RunPolicy.CHANNELS_LAST);

    /**
     * Boosts the newest model of a CC run into a new run directory.
     *
     * @param boost the boost options (their {@link Boost#SOURCE} is the CC run)
     * @param data the images, or null to open the CC run's dataset specs
     * @param runDir the new run directory; must not hold a run
     * @return the result
     */
    public Result boost(BoostConfig boost, TrainingData data, Path runDir) {
        return boost(boost, java.util.Map.of(), data, runDir);
    }

    /**
     * Boosts the newest model of a CC run into a new run directory, with some of its training settings changed.
     *
     * @param boost the boost options (their {@link Boost#SOURCE} is the CC run)
     * @param run settings of {@link #RUN_SETTINGS} to change from the CC run's (e.g. {@link DataLimits#STRICT})
     * @param data the images, or null to open the CC run's dataset specs
     * @param runDir the new run directory; must not hold a run
     * @return the result
     * @throws IllegalArgumentException for a setting outside {@link #RUN_SETTINGS}
     */
    public Result boost(BoostConfig boost, java.util.Map<io.cc4j.option.Setting<?>, Object> run, TrainingData data,
            Path runDir) {
        for (io.cc4j.option.Setting<?> setting : run.keySet()) {
            if (!RUN_SETTINGS.contains(setting)) {
                throw new IllegalArgumentException(setting.field() + " is not a setting a boost run may change");
            }
        }
        return boostWith(boost, run, data, runDir);
    }

    private Result boostWith(BoostConfig boost, java.util.Map<io.cc4j.option.Setting<?>, Object> overrides,
            TrainingData data, Path runDir) {
        RunLayout run = RunLayout.of(runDir);
        requireNewRun(run);
        StoredModel source = RunLayout.of(Path.of(boost.get(Boost.SOURCE))).newestModel();
        TrainConfig base = TrainConfig.ofRun(source.header().configJson(), source.file().toString());
        try (ContrastiveModel model = source.model(); RunLock lock = Trainer.lock(run)) {
            requireNewRun(run); // again under the lock: another process may have started a run there meanwhile
            TrainingData opened = data != null ? null : TrainingData.open(base);
            TrainingData given = data != null ? data : opened;
            TrainConfig config = base.toBuilder().set(Optimisation.LEARNING_RATE, boost.get(Boost.LEARNING_RATE))
                    .set(Optimisation.WEIGHT_DECAY, boost.get(Boost.WEIGHT_DECAY))
                    .set(Optimisation.EPOCHS, boost.get(Boost.EPOCHS)).setAll(overrides).build();
            try (opened; Session s = new Session(model, source.header().model(), config, boost, given)) {
                lock.used();
                run.writeConfig(config.toJson());
                AtomicFiles.writeString(run.boostConfig(), boost.toJson());
                return s.run(run, 0, null, new ArrayList<>());
            }
        }
    }

    private static void requireNewRun(RunLayout run) {
        Trainer.requireNewRun(run, "a run");
    }

    /**
     * Continues a boost run from its newest intact checkpoint; a damaged newer one is moved aside with a warning,
     * as {@link Trainer#resume} does.
     *
     * @param runDir the boost run directory
     * @param data the images, or null to open the run's dataset specs
     * @param epochs the new epoch total, or 0 to keep it
     * @return the result
     */
    public Result resume(Path runDir, TrainingData data, int epochs) {
        RunLayout run = RunLayout.of(runDir);
        BoostConfig boost = BoostConfig.read(run);
        if (epochs > 0) {
            boost = boost.with(Boost.EPOCHS, epochs);
        }
        try (RunLock lock = Trainer.lock(run)) {
            CheckpointStore.Intact newest = run.checkpoints().newestIntact();
            return resumeFrom(run, newest.file(), newest.checkpoint(), boost, data);
        }
    }

    private Result resumeFrom(RunLayout run, Path newest, Checkpoint.Verified checkpoint, BoostConfig boost,
            TrainingData data) {
        int done = checkpoint.header().epoch();
        BoostProgress progress = checkpoint.header().trainingState() == null ? null
                : BoostProgress.fromJson(checkpoint.header().trainingState(), newest.toString());
        if (done >= boost.get(Boost.EPOCHS)) {
            throw new InvalidInputException(run + " has already boosted " + done + " of " + boost.get(Boost.EPOCHS)
                    + " epochs; give a larger total of epochs to continue");
        }
        TrainConfig config = TrainConfig.ofRun(checkpoint.header().configJson(), newest.toString())
                .with(Optimisation.EPOCHS, boost.get(Boost.EPOCHS));
        TrainingData opened = data != null ? null : TrainingData.open(config);
        TrainingData given = data != null ? data : opened;
        ModelSpec spec = checkpoint.header().model();
        try (opened; ContrastiveModel model = spec.buildForLoading();
                Session s = new Session(model, spec, config, boost, given)) {
            checkpoint.readSections(in -> ParameterFile.read(in, model), s::readState);
            AtomicFiles.writeString(run.boostConfig(), boost.toJson());
            run.writeConfig(config.toJson());
            if (progress == null) {
                LOG.info("resuming boost run {} after epoch {} of {}", run, done, boost.get(Boost.EPOCHS));
            } else {
                LOG.info("resuming boost run {} in epoch {} of {}, after step {}", run, progress.epoch(),
                        boost.get(Boost.EPOCHS), progress.batch());
            }
            return s.run(run, done, progress, BoostLog.read(run, done));
        }
    }

    /** Everything one boost run holds open. */
    private final class Session implements AutoCloseable {
        private final ContrastiveModel model;
        private final ModelSpec spec;
        private final TrainConfig config;
        private final BoostConfig boost;
        private final RunData data;
        private final List<io.cc4j.data.DatasetFingerprint> fingerprints;
        private final Engine engine;
        private final AdamOptimizer optimizer;
        private final PairBuilder pairs;
        private final PseudoLabels labels;
        private final PseudoLabelInstanceLoss instanceLoss;
        private final PseudoLabelCrossEntropy clusterLoss = new PseudoLabelCrossEntropy();
        private final io.cc4j.loss.ClusterContrastiveLoss ccClusterLoss;
        private final int workers;

        Session(ContrastiveModel model, ModelSpec spec, TrainConfig config, BoostConfig boost, TrainingData given) {
            if (boost.get(Boost.AUGMENT).size() != spec.imageSize()) {
                throw new InvalidInputException("the boost views are " + boost.get(Boost.AUGMENT).size() + " pixels, the model"
                        + " takes " + spec.imageSize());
            }
            this.model = model;
            model.setChannelsLast(config.get(RunPolicy.CHANNELS_LAST));
            this.spec = spec;
            this.config = config;
            this.boost = boost;
            this.data = RunData.of(given, config);
            this.fingerprints = given.fingerprints();
            this.engine = EngineSupport.configure(EngineSupport.orAllCores(config.get(RunPolicy.THREADS)));
            this.optimizer = AdamOptimizer.builder().optLearningRate(boost.get(Boost.LEARNING_RATE))
                    .optWeightDecay(boost.get(Boost.WEIGHT_DECAY)).build();
            this.workers = EngineSupport.orAllCores(config.get(DataLimits.WORKERS));
            this.pairs = new PairBuilder(data.train(), boost.get(Boost.AUGMENT), workers);
            this.labels = new PseudoLabels(data.train().size(), spec.clusters(), boost.get(Boost.ALPHA), boost.get(Boost.GAMMA));
            this.instanceLoss = new PseudoLabelInstanceLoss((float) (double) boost.get(Boost.INSTANCE_TEMPERATURE));
            this.ccClusterLoss = new io.cc4j.loss.ClusterContrastiveLoss((float) (double) config.get(Optimisation.CLUSTER_TEMPERATURE));
        }

        void readState(java.io.DataInputStream in) throws IOException {
            optimizer.readState(in);
            labels.read(in);
        }

        /** Set when a stop was requested in the middle of an epoch: where, after its step checkpoint. */
        private BoostProgress stoppedAt;
        private Path last;
        private long lastCheckpoint = System.nanoTime();
        private CheckpointStore store;
        private final java.util.Set<Integer> reported = new java.util.HashSet<>();

        /**
         * Boosts from the end of epoch {@code startEpoch}, or from the middle of the next one when {@code resumeAt}
         * says where a step checkpoint stopped.
         */
        Result run(RunLayout layout, int startEpoch, BoostProgress resumeAt, List<BoostEpochRecord> history) {
            Path runDir = layout.dir();
            long started = System.nanoTime();
            store = layout.checkpoints();
            last = store.latest().orElse(null);
            listener.onTrainingStart(resumeAt != null ? resumeAt.epoch() : startEpoch + 1, boost.get(Boost.EPOCHS));
            int epoch = startEpoch;
            if (listener.stopRequested()) {
                // Stopped before the first step: the newest checkpoint already holds this state.
                LOG.info("stop requested before boosting began: nothing new to save");
                return new Result(runDir, epoch, boost.get(Boost.EPOCHS), List.copyOf(history), last,
                        (System.nanoTime() - started) / 1e9, null);
            }
            while (epoch < boost.get(Boost.EPOCHS)) {
                epoch++;
                BoostEpochRecord record = epoch(epoch, resumeAt);
                resumeAt = null;
                if (record == null) {
                    return new Result(runDir, epoch - 1, boost.get(Boost.EPOCHS), List.copyOf(history), last,
                            (System.nanoTime() - started) / 1e9, stoppedAt);
                }
                history.add(record);
                BoostLog.write(layout, history);
                listener.onBoostEpochEnd(record);
                boolean stop = listener.stopRequested();
                if (epoch % boost.get(Boost.CHECKPOINT_EVERY) == 0 || epoch == boost.get(Boost.EPOCHS) || stop
                        || checkpointDue()) {
                    save(epoch, store.fileFor(epoch), null);
                }
                if (stop) {
                    break;
                }
            }
            return new Result(runDir, epoch, boost.get(Boost.EPOCHS), List.copyOf(history), last,
                    (System.nanoTime() - started) / 1e9, null);
        }

        private boolean checkpointDue() {
            return config.get(RunPolicy.CHECKPOINT_MINUTES) > 0
                    && System.nanoTime() - lastCheckpoint >= (long) (config.get(RunPolicy.CHECKPOINT_MINUTES) * 60e9);
        }

        /** Writes a checkpoint after {@code completed} epochs, in the middle of the next one when given. */
        private void save(int completed, Path file, BoostProgress progress) {
            Checkpoint.write(file, completed, spec, Provenance.now(engine, fingerprints), config.toJson(),
                    progress == null ? null : progress.toJson(), out -> ParameterFile.write(out, model), out -> {
                        optimizer.writeState(out);
                        labels.write(out);
                    });
            last = file;
            lastCheckpoint = System.nanoTime();
            store.prune(config.get(RunPolicy.KEEP_CHECKPOINTS));
            listener.onCheckpoint(progress == null ? completed : progress.epoch(), file);
        }

        /** A resumed epoch must shuffle and draw its views exactly as the stopped one did. */
        private void requireSameRandomState(BoostProgress p, int[] order) {
            if (order.length != p.orderSize() || EpochProgress.hash(order) != p.orderHash()) {
                throw new InvalidInputException("cannot continue the boost run in the middle of epoch " + p.epoch()
                        + ": its shuffled order differs from the stopped run's (" + order.length + " images now, "
                        + p.orderSize() + " then); the data or the cc4j version changed");
            }
            if (seed(p.epoch(), p.batch()) != p.batchSeed()) {
                throw new InvalidInputException("cannot continue the boost run in the middle of epoch " + p.epoch()
                        + ": its random streams differ from this cc4j version's");
            }
        }

        /**
         * One epoch, from its start or from where {@code resumeAt} stopped.
         *
         * @return its record, or null when a stop was requested in its middle (a step checkpoint is written)
         */
        private BoostEpochRecord epoch(int epoch, BoostProgress resumeAt) {
            long t0 = System.nanoTime();
            int b = config.get(Optimisation.BATCH_SIZE);
            int n = data.train().size();
            int batches = n / b;
            if (batches == 0) {
                throw InvalidSettingException.across(List.of(Optimisation.BATCH_SIZE), names -> "the training data"
                        + " has " + n + " images, fewer than one batch of " + b + "; lower " + names.get(0));
            }
            boolean train = epoch > 1;
            int[] order = Seeds.permutation(n, Seeds.derive(config.get(RunPolicy.SEED), 0xB0057, epoch));
            int from = 0;
            double sumInstance = 0;
            double sumCluster = 0;
            int steps = 0;
            long skipped = 0;
            double secondsBefore = 0;
            if (resumeAt != null) {
                requireSameRandomState(resumeAt, order);
                from = resumeAt.batch();
                sumInstance = resumeAt.instanceLossSum();
                sumCluster = resumeAt.clusterLossSum();
                steps = resumeAt.steps();
                skipped = resumeAt.skippedImages();
                secondsBefore = resumeAt.seconds();
            }
            listener.onPhaseStart(epoch, "boost", batches);
            Future<ViewBatch> nextViews = train ? views(order, from, b, epoch) : null;
            Future<PairBuilder.TestBatch> nextTest = test(order, from, b);
            for (int k = from; k < batches; k++) {
                int[] indices = Arrays.copyOfRange(order, k * b, (k + 1) * b);
                PairBuilder.TestBatch test = PairBuilder.await(nextTest);
                ViewBatch views = train ? PairBuilder.await(nextViews) : null;
                if (k + 1 < batches) {
                    nextTest = test(order, k + 1, b);
                    nextViews = train ? views(order, k + 1, b, epoch) : null;
                }
                Batch kept = Batch.of(indices, test, views);
                skipped += report(kept.skipped());
                if (kept.indices().length > 0) {
                    labels.update(kept.indices(), confidences(kept.test(), kept.indices().length));
                }
                if (train && kept.indices().length > 0) {
                    double[] losses = step(kept.views(), labels.of(kept.indices()), epoch, k);
                    sumInstance += losses[0];
                    sumCluster += losses[1];
                    steps++;
                    listener.onBatch(epoch, k, losses[0], losses[1], (k + 1 - from) * (double) b
                            / ((System.nanoTime() - t0) / 1e9));
                } else if (!train) {
                    listener.onBatch(epoch, k, Double.NaN, Double.NaN, (k + 1 - from) * (double) b
                            / ((System.nanoTime() - t0) / 1e9));
                }
                if (k + 1 < batches) {
                    boolean stop = listener.stopRequested();
                    if (stop || checkpointDue()) {
                        BoostProgress p = new BoostProgress(BoostProgress.STAGE, epoch, k + 1, order.length,
                                EpochProgress.hash(order), seed(epoch, k + 1), steps, sumInstance, sumCluster,
                                secondsBefore + (System.nanoTime() - t0) / 1e9, skipped);
                        save(epoch - 1, store.fileForStep(epoch, k + 1), p);
                        if (stop) {
                            stoppedAt = p;
                            LOG.info("stop requested: stopped in boost epoch {} after step {}", epoch, k + 1);
                            return null;
                        }
                    }
                }
            }
            listener.onPhaseEnd(epoch, "boost");
            double accuracy = labels.accuracy(data.train());
            ClusteringScores scores = boost.get(Boost.EVAL_EVERY) > 0 && data.train().hasLabels()
                    && (epoch % boost.get(Boost.EVAL_EVERY) == 0 || epoch == boost.get(Boost.EPOCHS)) ? evaluate() : null;
            return new BoostEpochRecord(epoch, train ? sumInstance / steps : null,
                    train ? sumCluster / steps : null, labels.labelledFraction(),
                    Double.isNaN(accuracy) ? null : accuracy, secondsBefore + (System.nanoTime() - t0) / 1e9,
                    scores == null ? null : scores.nmi(), scores == null ? null : scores.acc(),
                    scores == null ? null : scores.ari(), skipped);
        }

        /** The views of batch {@code k}: unreadable images left out unless the run is strict. */
        private Future<ViewBatch> views(int[] order, int k, int b, int epoch) {
            int[] indices = Arrays.copyOfRange(order, k * b, (k + 1) * b);
            return config.get(DataLimits.STRICT) ? pairs.submit(indices, seed(epoch, k))
                    : pairs.submitSkippingUnreadable(indices, seed(epoch, k));
        }

        /** The test-transformed images of batch {@code k}: unreadable ones left out unless the run is strict. */
        private Future<PairBuilder.TestBatch> test(int[] order, int k, int b) {
            int[] indices = Arrays.copyOfRange(order, k * b, (k + 1) * b);
            if (config.get(DataLimits.STRICT)) {
                Future<float[]> pixels = pairs.submitTest(indices);
                return java.util.concurrent.CompletableFuture.supplyAsync(() -> new PairBuilder.TestBatch(
                        indices.length, PairBuilder.await(pixels), List.of()), Runnable::run);
            }
            return pairs.submitTestSkippingUnreadable(indices);
        }

        /** Unreadable images are counted every time they are left out, and reported once each. */
        private int report(List<ViewBatch.Skipped> skipped) {
            for (ViewBatch.Skipped s : skipped) {
                if (reported.add(s.index())) {
                    LOG.warn("skipping an unreadable image ({}); boosting goes on without it (strict makes this an"
                            + " error; counted as skipped_images in boost.jsonl)", s.reason());
                }
            }
            return skipped.size();
        }

        private long seed(int epoch, int batch) {
            return Seeds.derive(config.get(RunPolicy.SEED), 0xB0057, epoch, batch + 1L);
        }

        /** Cluster confidences of test-transformed images: softmax(logits / T) in eval mode, no gradient. */
        private float[] confidences(float[] pixels, int n) {
            try (NoGrad noGrad = NoGrad.enter(); NDManager scope = model.manager().newSubManager()) {
                NDArray x = scope.create(pixels, new Shape(n, 3, spec.imageSize(), spec.imageSize()));
                NDArray logits = model.network().forwardWithLogits(model.parameterStore(), x, false).get(1);
                NDArray temperature = GraphConstants.scalar(scope, boost.get(Boost.CLUSTER_TEMPERATURE));
                return logits.div(temperature).softmax(1).toFloatArray();
            }
        }

        private double[] step(ViewBatch views, int[] pseudo, int epoch, int batch) {
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray x = views.toNDArray(scope);
                long n = views.n();
                NDArray weak = x.get("0:" + n);
                NDArray strong = x.get(n + ":");
                double li;
                double lc;
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDList out = model.forwardWeakStrong(weak, strong);
                    NDArray loss = instanceLoss.compute(out.get(0), out.get(1), pseudo);
                    NDArray c = clusterLoss.compute(out.get(2), pseudo);
                    if (boost.get(Boost.CC_CLUSTER_LOSS) > 0) {
                        // CC's cluster loss between the two views' softmaxes; its entropy term keeps every cluster used.
                        NDArray cc = ccClusterLoss.compute(out.get(3).softmax(1), out.get(2).softmax(1));
                        NDArray weight = GraphConstants.scalar(scope, boost.get(Boost.CC_CLUSTER_LOSS));
                        c = c.add(cc.mul(weight));
                    }
                    li = loss.getFloat();
                    lc = c.getFloat();
                    if (!Double.isFinite(li) || !Double.isFinite(lc)) {
                        throw new TrainingDivergedException(TrainingDivergedException.Reason.LOSS, String.format(
                                "boost loss is not finite at epoch %d, batch %d (instance %s, cluster %s); stopped"
                                        + " before the update, the last checkpoint is intact", epoch, batch + 1, li, lc));
                    }
                    gc.backward(loss.add(c));
                }
                optimizer.step(model.trainableParameters());
                return new double[] {li, lc};
            }
        }

        private ClusteringScores evaluate() {
            try (ClusterPredictor predictor = ClusterPredictor.over(model, spec, config.get(Optimisation.BATCH_SIZE), workers)) {
                int[] subset = data.evaluationSubset();
                // Unreadable images were reported when boosting met them: here they are only left out.
                Assignments a = config.get(DataLimits.STRICT) ? predictor.predict(data.train(), subset, false, null, null)
                        : predictor.predict(data.train(), subset, false, null, null, skipped -> { });
                int[] truth = new int[a.size()];
                for (int i = 0; i < truth.length; i++) {
                    truth[i] = data.train().label(a.indices()[i]);
                }
                return ClusteringScores.of(truth, a.clusters());
            }
        }

        @Override
        public void close() {
            pairs.close();
            optimizer.close();
            ccClusterLoss.close();
        }
    }

    /** A batch with the images that could not be read (for the test transform or the views) left out of both. */
    private record Batch(int[] indices, float[] test, ViewBatch views, List<ViewBatch.Skipped> skipped) {
        static Batch of(int[] indices, PairBuilder.TestBatch test, ViewBatch views) {
            if (test.skipped().isEmpty() && (views == null || views.skipped().isEmpty())) {
                return new Batch(indices, test.pixels(), views, List.of());
            }
            java.util.Map<Integer, ViewBatch.Skipped> out = new java.util.LinkedHashMap<>();
            test.skipped().forEach(s -> out.putIfAbsent(s.index(), s));
            if (views != null) {
                views.skipped().forEach(s -> out.putIfAbsent(s.index(), s));
            }
            java.util.Set<Integer> testOut = new java.util.HashSet<>();
            test.skipped().forEach(s -> testOut.add(s.index()));
            java.util.Set<Integer> viewsOut = new java.util.HashSet<>();
            if (views != null) {
                views.skipped().forEach(s -> viewsOut.add(s.index()));
            }
            int kept = 0;
            for (int i : indices) {
                kept += out.containsKey(i) ? 0 : 1;
            }
            int[] keptIndices = new int[kept];
            int testView = kept == 0 && test.n() == 0 ? 0 : test.pixels().length / Math.max(1, test.n());
            float[] pixels = new float[kept * testView];
            float[] viewData = views == null ? null : new float[2 * kept * views.viewLength()];
            int j = 0;
            int t = 0;
            int v = 0;
            for (int i : indices) {
                boolean inTest = !testOut.contains(i);
                boolean inViews = views != null && !viewsOut.contains(i);
                if (!out.containsKey(i)) {
                    keptIndices[j] = i;
                    System.arraycopy(test.pixels(), t * testView, pixels, j * testView, testView);
                    if (views != null) {
                        int len = views.viewLength();
                        System.arraycopy(views.data(), views.offset(v, 0), viewData, j * len, len);
                        System.arraycopy(views.data(), views.offset(v, 1), viewData, (kept + j) * len, len);
                    }
                    j++;
                }
                t += inTest ? 1 : 0;
                v += inViews ? 1 : 0;
            }
            ViewBatch keptViews = views == null ? null
                    : new ViewBatch(kept, views.channels(), views.size(), viewData);
            return new Batch(keptIndices, pixels, keptViews, List.copyOf(out.values()));
        }
    }
}
