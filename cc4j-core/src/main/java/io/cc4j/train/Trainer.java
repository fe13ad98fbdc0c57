package io.cc4j.train;

import io.cc4j.model.store.CheckpointStore;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
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
 * <pre>{@code
 * TrainConfig cfg = TrainConfig.builder().data(List.of("cifar10:/data/cifar")).clusters(10).build();
 * TrainingResult r = new Trainer(listener).train(cfg, Path.of("runs/cifar10"));
 * }</pre>
 */
public final class Trainer {
    /** Name of the resolved configuration file in the run directory. */
    public static final String CONFIG_FILE = "config.json";
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainingListener listener;

    /** @param listener progress receiver, or null for none */
    public Trainer(TrainingListener listener) {
        this.listener = listener == null ? new TrainingListener() { } : listener;
    }

    /**
     * Starts a new run on the datasets the configuration's specs name.
     *
     * @param config the configuration; its {@link TrainConfig#data()} names the datasets
     * @param runDir run directory; must not already hold checkpoints
     * @return the result
     */
    public TrainingResult train(TrainConfig config, Path runDir) {
        requireNewRun(runDir);
        return fit(config, TrainingData.open(config), runDir);
    }

    /**
     * Starts a new run on any datasets.
     *
     * @param config the configuration; its dataset specs, if any, are only recorded
     * @param data the images to train on
     * @param runDir run directory; must not already hold checkpoints
     * @return the result
     */
    public TrainingResult fit(TrainConfig config, TrainingData data, Path runDir) {
        requireNewRun(runDir);
        try (TrainingSession session = TrainingSession.open(config, data)) {
            AtomicFiles.writeString(runDir.resolve(CONFIG_FILE), config.toJson());
            return run(session, config, runDir, 0, MetricsLog.create(runDir));
        }
    }

    private static void requireNewRun(Path runDir) {
        if (new CheckpointStore(runDir).latest().isPresent()) {
            throw new InvalidInputException(runDir + " already holds a training run; continue it with --resume "
                    + runDir + " or choose another output directory");
        }
    }

    /**
     * Continues a run from its newest intact checkpoint, on the datasets its configuration names. A corrupt newer
     * checkpoint is skipped with a warning.
     *
     * @param runDir the run directory
     * @param epochs new total epoch count, or 0 to keep the configured one
     * @return the result
     */
    public TrainingResult resume(Path runDir, int epochs) {
        return resume(runDir, null, epochs);
    }

    /**
     * Continues a run from its newest intact checkpoint, on the given datasets, which must be those the run
     * trained on (checked against the fingerprints in the checkpoint's provenance).
     *
     * @param runDir the run directory
     * @param data the images the run trained on, or null to open its dataset specs
     * @param epochs new total epoch count, or 0 to keep the configured one
     * @return the result
     */
    public TrainingResult resume(Path runDir, TrainingData data, int epochs) {
        if (!Files.isDirectory(runDir)) {
            throw new InvalidInputException("run directory not found: " + runDir);
        }
        CheckpointStore store = new CheckpointStore(runDir);
        List<Path> candidates = store.newestFirst();
        if (candidates.isEmpty()) {
            throw new InvalidInputException("no checkpoint to resume from in " + store.directory());
        }
        InvalidInputException firstProblem = null;
        for (Path file : candidates) {
            Checkpoint.Verified checkpoint;
            try {
                checkpoint = Checkpoint.open(file);
            } catch (InvalidInputException e) {
                // Moved aside so that inference and pruning see the last good checkpoint as the newest.
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                LOG.warn("skipping checkpoint ({}); moved to {}", e.getMessage(), aside.getFileName());
                moveAside(file, aside);
                firstProblem = firstProblem == null ? e : firstProblem;
                continue;
            }
            Checkpoint.Header header = checkpoint.header();
            TrainConfig config = TrainConfig.fromJson(header.configJson(), file.toString());
            if (epochs > 0) {
                config = config.toBuilder().epochs(epochs).build();
            }
            if (config.epochs() <= header.epoch()) {
                throw new InvalidInputException(runDir + " has already trained " + header.epoch() + " of "
                        + config.epochs() + " epochs; give a larger total with --epochs to continue");
            }
            LOG.info("resuming {} from {} (epoch {} of {})", runDir, file.getFileName(), header.epoch(),
                    config.epochs());
            TrainingData given = data != null ? data : TrainingData.open(config);
            requireSameData(header, given, runDir);
            try (TrainingSession session = TrainingSession.open(config, given)) {
                session.load(checkpoint);
                AtomicFiles.writeString(runDir.resolve(CONFIG_FILE), config.toJson());
                return run(session, config, runDir, header.epoch(), MetricsLog.read(runDir, header.epoch()));
            }
        }
        throw new InvalidInputException("no intact checkpoint in " + store.directory() + ": "
                + firstProblem.getMessage(), firstProblem);
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

    private TrainingResult run(TrainingSession s, TrainConfig cfg, Path runDir, int startEpoch, MetricsLog log) {
        long started = System.nanoTime();
        CheckpointStore store = new CheckpointStore(runDir);
        Path lastCheckpoint = store.latest().orElse(null);
        int epoch = startEpoch;
        listener.onTrainingStart(startEpoch + 1, cfg.epochs());
        while (epoch < cfg.epochs()) {
            epoch++;
            long t0 = System.nanoTime();
            long images = 0;
            Double instanceOnlyLoss = null;
            if (s.hasInstanceOnlyData()) {
                TrainingSession.PhaseStats first = s.runPhase(epoch, TrainingSession.Phase.INSTANCE_ONLY, listener);
                images += first.images();
                instanceOnlyLoss = first.meanInstanceLoss();
            }
            TrainingSession.PhaseStats stats = s.runPhase(epoch, TrainingSession.Phase.FULL, listener);
            images += stats.images();
            double seconds = (System.nanoTime() - t0) / 1e9;
            EpochRecord record = new EpochRecord(epoch, stats.meanInstanceLoss(), stats.meanClusterLoss(),
                    stats.meanInstanceLoss() + stats.meanClusterLoss(), seconds, images / seconds, null, null, null,
                    instanceOnlyLoss);
            if (cfg.evalEvery() > 0 && s.canEvaluate() && (epoch % cfg.evalEvery() == 0 || epoch == cfg.epochs())) {
                io.cc4j.metrics.ClusteringScores scores = s.evaluate();
                record = record.withScores(scores.nmi(), scores.acc(), scores.ari());
            }
            log.append(record);
            listener.onEpochEnd(record);
            LOG.debug("epoch {}/{}: instance {} cluster {} ({} s){}", epoch, cfg.epochs(),
                    fmt(record.instanceLoss()), fmt(record.clusterLoss()), fmt(seconds),
                    record.nmi() == null ? "" : String.format(" NMI %.4f ACC %.4f ARI %.4f",
                            record.nmi(), record.acc(), record.ari()));
            boolean stop = listener.stopRequested();
            if (epoch % cfg.checkpointEvery() == 0 || epoch == cfg.epochs() || stop) {
                lastCheckpoint = store.fileFor(epoch);
                s.save(lastCheckpoint, epoch, cfg.toJson());
                store.prune(cfg.keepCheckpoints());
                listener.onCheckpoint(epoch, lastCheckpoint);
            }
            if (stop) {
                LOG.info("stop requested: stopped after epoch {}", epoch);
                break;
            }
        }
        return new TrainingResult(runDir, epoch, log.records(), lastCheckpoint, (System.nanoTime() - started) / 1e9);
    }

    private static void moveAside(Path file, Path aside) {
        try {
            Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            LOG.warn("could not move {} aside: {}", file, e.getMessage());
        }
    }

    private static String fmt(double v) {
        return String.format("%.4f", v);
    }
}
