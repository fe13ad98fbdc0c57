package io.cc4j.train;

import io.cc4j.InvalidInputException;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.model.store.CheckpointStore;
import io.cc4j.run.RunLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains Contrastive Clustering end to end in one stage: each epoch shuffles the data (dropping the last
 * partial batch), builds two augmented views per image, and minimises instance loss + cluster loss with Adam.
 * Writes {@code config.json}, {@code metrics.jsonl} and checkpoints into the run directory, and continues a
 * stopped run exactly from its newest intact checkpoint.
 *
 * <p><b>What a crash costs.</b> Checkpoints are written every {@link RunPolicy#CHECKPOINT_EVERY} epochs, and also
 * at the end of any step once {@link RunPolicy#CHECKPOINT_MINUTES} have passed since the last one: such a
 * step checkpoint records where in the epoch the run stands ({@link EpochProgress}), and resuming from it gives
 * the parameters and assignments the uninterrupted run gives. A {@link TrainingListener#stopRequested()} is
 * honoured after the current step, with a checkpoint at that step. Every checkpoint is written atomically, so a
 * kill at any moment leaves the previous one intact. One process at a time trains in a run directory (a lock
 * file), and a directory that cannot be written is refused before training starts.
 *
 * <pre>{@code
 * TrainConfig cfg = TrainConfig.builder().set(DataLimits.DATA, List.of("cifar10:/data/cifar"))
 *         .set(Model.CLUSTERS, 10).build();
 * try (TrainedModel model = new Trainer(listener).train(cfg, Path.of("runs/cifar10"))) {
 *     int cluster = model.predict(image).cluster();
 * }
 * }</pre>
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainingListener listener;

    /** @param listener progress receiver, or null for none */
    public Trainer(TrainingListener listener) {
        this.listener = listener == null ? new TrainingListener() { } : listener;
    }

    /**
     * Starts a new run on the datasets the configuration's specs name.
     *
     * @param config the configuration; its {@link DataLimits#DATA} names the datasets
     * @param runDir run directory; must not already hold checkpoints
     * @return the trained model (the caller closes it), saved in {@code runDir}
     */
    public TrainedModel train(TrainConfig config, Path runDir) {
        RunLayout run = RunLayout.of(runDir);
        requireNewRun(run);
        // The directory first: a read-only one fails before the data is read.
        try (RunLock lock = lock(run)) {
            requireNewRun(run); // again under the lock: another process may have finished a run there meanwhile
            try (TrainingData data = TrainingData.open(config)) {
                return fitLocked(config, data, run, lock);
            }
        }
    }

    /**
     * Starts a new run on any datasets.
     *
     * @param config the configuration; its dataset specs, if any, are only recorded
     * @param data the images to train on
     * @param runDir run directory; must not already hold checkpoints
     * @return the trained model (the caller closes it), saved in {@code runDir}
     */
    public TrainedModel fit(TrainConfig config, TrainingData data, Path runDir) {
        RunLayout run = RunLayout.of(runDir);
        requireNewRun(run);
        try (RunLock lock = lock(run)) {
            requireNewRun(run); // again under the lock, as above
            return fitLocked(config, data, run, lock);
        }
    }

    private TrainedModel fitLocked(TrainConfig config, TrainingData data, RunLayout run, RunLock lock) {
        try (TrainingSession session = TrainingSession.open(config, data)) {
            session.initialiseWeights(); // before anything is written: weights that do not fit leave no run behind
            lock.used();
            run.writeConfig(config.toJson());
            return session.handOver(run(session, config, run, 0, null, MetricsLog.create(run)));
        }
    }

    /** Holds the run directory, after removing what a killed process left half-written. */
    static RunLock lock(RunLayout run) {
        RunLock lock = RunLock.acquire(run);
        int removed = run.removeTemporaries();
        if (removed > 0) {
            LOG.info("removed {} temporary file(s) a stopped process left in {}", removed, run);
        }
        return lock;
    }

    private static void requireNewRun(RunLayout run) {
        requireNewRun(run, "a training run");
    }

    /**
     * Refuses a run directory that already holds a run's checkpoints: starting over there would mix two runs.
     *
     * @param run the run
     * @param holds what it holds, for the message
     */
    static void requireNewRun(RunLayout run, String holds) {
        if (run.checkpoints().latest().isPresent()) {
            throw new RunExistsException(run.dir(), holds);
        }
    }

    /**
     * Continues a run from its newest intact checkpoint, on the datasets its configuration names. A corrupt newer
     * checkpoint is skipped with a warning.
     *
     * @param runDir the run directory
     * @param epochs new total epoch count, or 0 to keep the configured one
     * @return the trained model (the caller closes it)
     */
    public TrainedModel resume(Path runDir, int epochs) {
        return resume(runDir, null, epochs);
    }

    /**
     * Continues a run from its newest intact checkpoint, on the given datasets, which must be those the run
     * trained on (checked against the fingerprints in the checkpoint's provenance).
     *
     * @param runDir the run directory
     * @param data the images the run trained on, or null to open its dataset specs
     * @param epochs new total epoch count, or 0 to keep the configured one
     * @return the trained model (the caller closes it)
     */
    public TrainedModel resume(Path runDir, TrainingData data, int epochs) {
        if (!Files.isDirectory(runDir)) {
            throw new InvalidInputException("run directory not found: " + runDir);
        }
        RunLayout run = RunLayout.of(runDir);
        CheckpointStore store = run.checkpoints();
        if (store.list().isEmpty()) { // before the lock: a directory that holds no run is left untouched
            throw new InvalidInputException("no checkpoint to resume from in " + store.directory());
        }
        try (RunLock lock = lock(run)) {
            lock.used();
            return resumeLocked(run, store, data, epochs);
        }
    }

    private TrainedModel resumeLocked(RunLayout run, CheckpointStore store, TrainingData data, int epochs) {
        Path runDir = run.dir();
        CheckpointStore.Intact newest = store.newestIntact();
        Path file = newest.file();
        Checkpoint.Header header = newest.checkpoint().header();
        TrainConfig config = TrainConfig.ofRun(header.configJson(), file.toString());
        if (epochs > 0) {
            config = config.with(Optimisation.EPOCHS, epochs);
        }
        if (config.get(Optimisation.EPOCHS) <= header.epoch()) {
            throw new InvalidInputException(runDir + " has already trained " + header.epoch() + " of "
                    + config.get(Optimisation.EPOCHS) + " epochs; give a larger total of epochs to continue");
        }
        EpochProgress progress = header.trainingState() == null ? null
                : EpochProgress.fromJson(header.trainingState(), file.toString());
        LOG.info("resuming {} from {} ({})", runDir, file.getFileName(), progress == null
                ? "epoch " + header.epoch() + " of " + config.get(Optimisation.EPOCHS)
                : "epoch " + progress.epoch() + " of " + config.get(Optimisation.EPOCHS) + ", after step " + progress.steps());
        TrainingData opened = data != null ? null : TrainingData.open(config);
        TrainingData given = data != null ? data : opened;
        try (opened; TrainingSession session = TrainingSession.open(config, given)) {
            requireSameData(header, given, runDir);
            session.load(newest.checkpoint());
            run.writeConfig(config.toJson());
            return session.handOver(run(session, config, run, header.epoch(), progress,
                    MetricsLog.read(run, header.epoch())));
        }
    }

    /** Resuming on other data than the run's would silently train a different model. */
    private static void requireSameData(Checkpoint.Header header, TrainingData data, Path runDir) {
        if (header.provenance() == null || header.provenance().data().isEmpty()) {
            return; // format 1 checkpoints carry no fingerprint
        }
        List<io.cc4j.data.DatasetFingerprint> trained = header.provenance().data();
        List<io.cc4j.data.DatasetFingerprint> now = data.fingerprints();
        for (int i = 0; i < Math.min(trained.size(), now.size()); i++) {
            if (!trained.get(i).sameData(now.get(i))) {
                throw new InvalidInputException("the data given to resume " + runDir + " is not what it trained on: "
                        + now.get(i).spec() + " has " + now.get(i).count() + " images (fingerprint " + now.get(i).hash()
                        + "), the run trained on " + trained.get(i).spec() + " with " + trained.get(i).count()
                        + " images (fingerprint " + trained.get(i).hash() + ")");
            }
        }
    }

    /**
     * Trains from the end of epoch {@code startEpoch}, or from the middle of the next one when {@code resumeAt}
     * says where a step checkpoint stopped.
     */
    private TrainingResult run(TrainingSession s, TrainConfig cfg, RunLayout layout, int startEpoch,
            EpochProgress resumeAt, MetricsLog log) {
        Path runDir = layout.dir();
        Run run = new Run(s, cfg, layout, log);
        int epoch = startEpoch;
        listener.onTrainingStart(resumeAt != null ? resumeAt.epoch() : startEpoch + 1, cfg.get(Optimisation.EPOCHS));
        if (listener.stopRequested()) {
            // Stopped before the first step: the newest checkpoint already holds this state.
            LOG.info("stop requested before training began: nothing new to save");
            return run.result(epoch, true);
        }
        while (epoch < cfg.get(Optimisation.EPOCHS)) {
            epoch++;
            TrainingSession.EpochTotals totals;
            TrainingSession.Phase from;
            int fromBatch;
            if (resumeAt != null) {
                requireSameRandomState(s, resumeAt, runDir);
                totals = TrainingSession.EpochTotals.of(resumeAt);
                from = TrainingSession.phase(resumeAt.phase());
                fromBatch = resumeAt.batch();
                resumeAt = null;
            } else {
                totals = new TrainingSession.EpochTotals();
                from = s.hasInstanceOnlyData() ? TrainingSession.Phase.INSTANCE_ONLY : TrainingSession.Phase.FULL;
                fromBatch = 0;
            }
            long t0 = System.nanoTime();
            if (from == TrainingSession.Phase.INSTANCE_ONLY) {
                if (run.phase(epoch, TrainingSession.Phase.INSTANCE_ONLY, totals, fromBatch, t0)) {
                    return run.result(epoch - 1, true);
                }
                totals.endInstanceOnlyPhase();
                fromBatch = 0;
            }
            if (run.phase(epoch, TrainingSession.Phase.FULL, totals, fromBatch, t0)) {
                return run.result(epoch - 1, true);
            }
            double seconds = totals.secondsBefore + (System.nanoTime() - t0) / 1e9;
            double instance = totals.instanceSum / totals.phaseSteps;
            double cluster = totals.clusterSum / totals.phaseSteps;
            EpochRecord record = new EpochRecord(epoch, instance, cluster, instance + cluster, seconds,
                    totals.images / seconds, null, null, null, totals.instanceOnlyLoss, totals.skipped);
            if (cfg.get(RunPolicy.EVAL_EVERY) > 0 && s.canEvaluate() && (epoch % cfg.get(RunPolicy.EVAL_EVERY) == 0 || epoch == cfg.get(Optimisation.EPOCHS))) {
                io.cc4j.metrics.ClusteringScores scores = s.evaluate();
                record = record.withScores(scores.nmi(), scores.acc(), scores.ari());
            }
            log.append(record);
            listener.onEpochEnd(record);
            LOG.debug("epoch {}/{}: instance {} cluster {} ({} s){}", epoch, cfg.get(Optimisation.EPOCHS),
                    fmt(record.instanceLoss()), fmt(record.clusterLoss()), fmt(seconds),
                    record.nmi() == null ? "" : String.format(" NMI %.4f ACC %.4f ARI %.4f",
                            record.nmi(), record.acc(), record.ari()));
            boolean stop = listener.stopRequested();
            if (epoch % cfg.get(RunPolicy.CHECKPOINT_EVERY) == 0 || epoch == cfg.get(Optimisation.EPOCHS) || stop || run.checkpointDue()) {
                run.save(epoch, null);
            }
            if (stop) {
                LOG.info("stop requested: stopped after epoch {}", epoch);
                return run.result(epoch, epoch < cfg.get(Optimisation.EPOCHS));
            }
        }
        return run.result(epoch, false);
    }

    /** A resumed epoch must shuffle and augment exactly as the stopped one did. */
    private static void requireSameRandomState(TrainingSession s, EpochProgress p, Path runDir) {
        TrainingSession.Phase phase = TrainingSession.phase(p.phase());
        int[] order = s.order(p.epoch(), phase);
        if (order.length != p.orderSize() || EpochProgress.hash(order) != p.orderHash()) {
            throw new InvalidInputException("cannot continue " + runDir + " in the middle of epoch " + p.epoch()
                    + ": the " + phase.label + " phase's shuffled order differs from the stopped run's ("
                    + order.length + " images now, " + p.orderSize() + " then); the data or the cc4j version changed");
        }
        if (s.batchSeed(p.epoch(), phase, p.batch()) != p.batchSeed()) {
            throw new InvalidInputException("cannot continue " + runDir + " in the middle of epoch " + p.epoch()
                    + ": its random streams differ from this cc4j version's");
        }
    }

    /** One invocation of training: the step hook, checkpoints and the result. */
    private final class Run {
        private final TrainingSession s;
        private final TrainConfig cfg;
        private final RunLayout layout;
        private final MetricsLog log;
        private final CheckpointStore store;
        private final long started = System.nanoTime();
        private long lastCheckpoint = System.nanoTime();
        private Path lastFile;
        private EpochProgress stoppedAt;

        Run(TrainingSession s, TrainConfig cfg, RunLayout layout, MetricsLog log) {
            this.s = s;
            this.cfg = cfg;
            this.layout = layout;
            this.log = log;
            this.store = layout.checkpoints();
            this.lastFile = store.latest().orElse(null);
        }

        /** Trains a phase from {@code fromBatch}; true when a stop was requested (a step checkpoint is written). */
        boolean phase(int epoch, TrainingSession.Phase phase, TrainingSession.EpochTotals totals, int fromBatch,
                long epochStart) {
            return s.runPhase(epoch, phase, listener, totals, fromBatch, (done, batches) -> {
                boolean epochEnds = phase == TrainingSession.Phase.FULL && done == batches;
                if (epochEnds) {
                    return false; // the end of the epoch has its own checkpoint and stop
                }
                boolean stop = listener.stopRequested();
                if (stop || checkpointDue()) {
                    EpochProgress p = progress(epoch, phase, done, totals, epochStart);
                    save(epoch - 1, p);
                    if (stop) {
                        stoppedAt = p;
                        LOG.info("stop requested: stopped in epoch {} after step {}", epoch, p.steps());
                    }
                }
                return stop;
            });
        }

        private EpochProgress progress(int epoch, TrainingSession.Phase phase, int done,
                TrainingSession.EpochTotals t, long epochStart) {
            int[] order = s.order(epoch, phase);
            return new EpochProgress(epoch, phase.label, done, t.steps, order.length, EpochProgress.hash(order),
                    s.batchSeed(epoch, phase, done), done, t.instanceSum, t.clusterSum, t.phaseSteps,
                    t.instanceOnlyLoss, t.images, t.secondsBefore + (System.nanoTime() - epochStart) / 1e9,
                    t.skipped);
        }

        boolean checkpointDue() {
            return cfg.get(RunPolicy.CHECKPOINT_MINUTES) > 0
                    && System.nanoTime() - lastCheckpoint >= (long) (cfg.get(RunPolicy.CHECKPOINT_MINUTES) * 60e9);
        }

        /** Writes a checkpoint after {@code completed} epochs, in the middle of the next one when given. */
        void save(int completed, EpochProgress progress) {
            Path file = progress == null ? store.fileFor(completed) : store.fileForStep(progress.epoch(),
                    progress.steps());
            s.save(file, completed, cfg.toJson(), progress);
            lastFile = file;
            lastCheckpoint = System.nanoTime();
            store.prune(cfg.get(RunPolicy.KEEP_CHECKPOINTS));
            listener.onCheckpoint(progress == null ? completed : progress.epoch(), file);
        }

        TrainingResult result(int completed, boolean stopped) {
            return new TrainingResult(layout.dir(), completed, log.records(), lastFile, (System.nanoTime() - started) / 1e9,
                    stopped, stoppedAt);
        }
    }

    private static String fmt(double v) {
        return String.format("%.4f", v);
    }
}
