package io.cc4j.pipeline;

import io.cc4j.InvalidInputException;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.cluster.KMeansAblation;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.RawImage;
import io.cc4j.inference.Assignments;
import io.cc4j.metrics.ClusteringScores;
import io.cc4j.model.BackboneType;
import io.cc4j.model.FeatureKind;
import io.cc4j.model.Stem;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.report.ReportWriter;
import io.cc4j.run.RunLayout;
import io.cc4j.run.RunSummary;
import io.cc4j.train.Boost;
import io.cc4j.train.BoostConfig;
import io.cc4j.train.BoostEpochRecord;
import io.cc4j.train.BoostTrainer;
import io.cc4j.train.DataLimits;
import io.cc4j.train.EpochRecord;
import io.cc4j.train.Model;
import io.cc4j.train.Optimisation;
import io.cc4j.train.RunPolicy;
import io.cc4j.train.TrainConfig;
import io.cc4j.train.Trainer;
import io.cc4j.train.TrainingListener;
import io.cc4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The embedded default: Contrastive Clustering on real Fashion-MNIST within minutes on a 2-core CPU, then a short
 * boost stage from its model, compared side by side with k-means on CC's instance features and k-means on raw
 * pixels, with a report.
 *
 * <p>CPU-sized configuration (docs/training.md gives the reasoning): 28x28 input (native size), ResNet-18 with
 * the ImageNet stem at half of torchvision's width (32 channels in the first stage), batch 256, a seeded
 * 30,000-image training subset, CC trained until its share of the time budget is spent, then the boost stage
 * (TCL's, with CC's cluster loss added) until the rest is; then all 70,000 images are assigned by both models.
 * {@code full} trains on all 70,000 images at full width.
 */
public final class FashionMnistDemo {
    /**
     * Seconds kept for the boost stage's assignments and report, assigning all 70,000 images with the CC model, the
     * two k-means runs and the report: under a minute on an idle 2-core machine.
     */
    static final double FINISH_SECONDS = 60;
    /**
     * The boost stage's share of the training budget: on an idle 2-core machine its label-filling epoch and three
     * training epochs on the subset (docs/training.md#the-demo has what they gain).
     */
    static final double BOOST_SHARE = 0.35;
    /** The boost stage's first epoch only fills the pseudo-labels, so it is never stopped before its second. */
    static final int MIN_BOOST_EPOCHS = 2;
    /** The boost stage's epoch cap; the clock stops it first. */
    static final int MAX_BOOST_EPOCHS = 20;

    private final DemoConfig cfg;
    private final TrainingListener listener;
    private final Consumer<String> log;

    /**
     * @param cfg demo options
     * @param listener training progress receiver (may be null)
     * @param log receives progress lines
     */
    public FashionMnistDemo(DemoConfig cfg, TrainingListener listener, Consumer<String> log) {
        this.cfg = cfg;
        this.listener = listener == null ? new TrainingListener() { } : listener;
        this.log = log;
    }

    /** The training configuration the demo uses. */
    public TrainConfig trainConfig() {
        String spec = "fashion-mnist:" + cfg.dataDir();
        // ImageNet stem: 28x28 inputs become 7x7 maps after the stem, about 16x cheaper than the CIFAR stem at
        // equal width, and on Fashion-MNIST it clustered better per CPU-second in our runs (README).
        return TrainConfig.builder().set(DataLimits.DATA, List.of(spec)).set(Model.CLUSTERS, 10)
                .set(Model.BACKBONE, BackboneType.RESNET18).set(Model.STEM, Stem.IMAGENET)
                .set(Model.WIDTH, cfg.full() ? 64 : 32).augment(AugmentConfig.preset("fashion-mnist", 28))
                .set(Optimisation.BATCH_SIZE, 256).set(Optimisation.EPOCHS, cfg.full() ? 100 : 40)
                .set(DataLimits.LIMIT, cfg.full() ? 0 : 30_000).set(RunPolicy.SEED, cfg.seed())
                .set(RunPolicy.THREADS, cfg.threads()).set(RunPolicy.EVAL_EVERY, 1).set(RunPolicy.EVAL_SUBSET, 2000)
                .set(RunPolicy.CHECKPOINT_EVERY, 1).set(RunPolicy.KEEP_CHECKPOINTS, 2).build();
    }

    /**
     * Trains, boosts, clusters all images four ways, writes summary.json and the reports (the boost stage's in its
     * own run directory, {@link RunLayout#boostStage()}).
     *
     * @return the summary (four result rows)
     * @throws DemoStoppedException when the listener asked to stop
     */
    public RunSummary run() {
        long start = System.nanoTime();
        double trainBudget = cfg.minutes() * 60 - FINISH_SECONDS;
        if (trainBudget < 60) {
            throw InvalidSettingException.naming("minutes", name -> name + " " + cfg.minutes() + " leaves less than a"
                    + " minute of training; give at least " + (int) Math.ceil((60 + FINISH_SECONDS) / 60));
        }
        double ccBudget = trainBudget * (1 - BOOST_SHARE);
        TrainConfig tc = trainConfig();
        log.accept(String.format("training Contrastive Clustering on %s (%d-image subset, budget %.1f min)...",
                tc.get(DataLimits.DATA).get(0), tc.get(DataLimits.LIMIT), ccBudget / 60));
        TrainingResult trained = new Trainer(new BudgetListener(listener, start, ccBudget, 1)).train(tc, cfg.out())
                .release();
        if (listener.stopRequested()) {
            // The caller asked to stop (the budget alone never does): the CC run stays as its checkpoint left it.
            throw new DemoStoppedException(cfg.out(), trained.epochsCompleted());
        }

        RunLayout layout = RunLayout.of(cfg.out());
        double elapsed = (System.nanoTime() - start) / 1e9;
        log.accept(String.format("boosting the CC model (TCL's self-labelling stage, budget %.1f min)...",
                (trainBudget - elapsed) / 60));
        BoostConfig boost = BoostConfig.tcl(cfg.out(), MAX_BOOST_EPOCHS, "fashion-mnist", 28)
                .with(Boost.CC_CLUSTER_LOSS, 1.0);
        BoostTrainer.Result boosted = new BoostTrainer(new BudgetListener(listener, start, trainBudget,
                MIN_BOOST_EPOCHS)).boost(boost, null, layout.boostStage());
        if (listener.stopRequested()) {
            throw new DemoStoppedException(layout.boostStage(), boosted.epochsCompleted());
        }

        // The boost stage is a run of its own: its assignments of all images, summary and report, as `cc4j boost`.
        RunFinisher.Outcome b = RunFinisher.finish(layout.boostStage(), log);
        log.accept("assigning all images with the CC model's cluster head...");
        ClusterJob.Outcome o = ClusterJob.builder().setModel(cfg.out()).optData(tc.get(DataLimits.DATA))
                .setOut(layout.assignments()).optKeepFeatures(FeatureKind.INSTANCE).optThreads(cfg.threads()).build()
                .run(null);
        try (ImageDataset all = o.dataset()) {
            return finish(tc, trained, boosted, o, b, all, start);
        }
    }

    private RunSummary finish(TrainConfig tc, TrainingResult trained, BoostTrainer.Result boosted,
            ClusterJob.Outcome o, RunFinisher.Outcome b, ImageDataset all, long start) {
        Assignments head = o.assignments();
        int[] truth = ClusterJob.labels(all, head);
        RunSummary summary = new RunSummary();
        summary.result("CC cluster head", o.scores());
        log.accept("k-means on CC's instance features...");
        Assignments km = KMeansAblation.cluster(head, 10, 10, cfg.seed());
        summary.result("k-means on ICH features", ClusteringScores.of(truth, km.clusters()));
        log.accept("k-means on raw pixels (baseline)...");
        int[] raw = KMeansAblation.labels(pixels(all), all.size(), 28 * 28, 10, 10, cfg.seed());
        summary.result("k-means on raw pixels", ClusteringScores.of(truth, raw));
        summary.result("CC + boost", b.scores());
        summary.fact("images", all.size()).fact("train_images", tc.get(DataLimits.LIMIT) == 0 ? all.size() : tc.get(DataLimits.LIMIT))
                .fact("epochs", trained.epochsCompleted())
                .fact("train_seconds", trained.history().stream().mapToDouble(EpochRecord::seconds).sum())
                .fact("boost_epochs", boosted.epochsCompleted())
                .fact("boost_seconds", boosted.history().stream().mapToDouble(BoostEpochRecord::seconds).sum())
                .fact("total_seconds", (System.nanoTime() - start) / 1e9);
        summary.write(RunLayout.of(cfg.out()));
        ReportWriter.write(cfg.out(), all, all.classNames());
        return summary;
    }

    /** Raw pixels in [0,1], n x 784, for the baseline. */
    static float[] pixels(ImageDataset data) {
        int n = data.size();
        RawImage first = data.image(0);
        int d = first.pixels().length;
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            byte[] p = data.image(i).pixels();
            if (p.length != d) {
                throw new InvalidInputException("image " + i + " of " + data.description() + " has a different size");
            }
            for (int j = 0; j < d; j++) {
                out[i * d + j] = (p[j] & 0xFF) / 255f;
            }
        }
        return out;
    }

    /**
     * Forwards events and asks training (or boosting) to stop between epochs once another epoch would overrun the
     * time budget, but not before {@code minEpochs} epochs.
     */
    private static final class BudgetListener implements TrainingListener {
        private final TrainingListener inner;
        private final long start;
        private final double budgetSeconds;
        private final int minEpochs;
        private double lastEpochSeconds;
        private int epochs;
        private boolean betweenEpochs;

        BudgetListener(TrainingListener inner, long start, double budgetSeconds, int minEpochs) {
            this.inner = inner;
            this.start = start;
            this.budgetSeconds = budgetSeconds;
            this.minEpochs = minEpochs;
        }

        @Override
        public void onTrainingStart(int firstEpoch, int totalEpochs) {
            inner.onTrainingStart(firstEpoch, totalEpochs);
        }

        @Override
        public void onPhaseStart(int epoch, String phase, int batches) {
            inner.onPhaseStart(epoch, phase, batches);
        }

        @Override
        public void onBatch(int epoch, int batch, double li, double lc, double ips) {
            betweenEpochs = false;
            inner.onBatch(epoch, batch, li, lc, ips);
        }

        @Override
        public void onPhaseEnd(int epoch, String phase) {
            inner.onPhaseEnd(epoch, phase);
        }

        @Override
        public void onEpochEnd(EpochRecord record) {
            epochEnded(record.seconds());
            inner.onEpochEnd(record);
        }

        @Override
        public void onBoostEpochEnd(BoostEpochRecord record) {
            epochEnded(record.seconds());
            inner.onBoostEpochEnd(record);
        }

        private void epochEnded(double seconds) {
            lastEpochSeconds = seconds;
            epochs++;
            betweenEpochs = true;
        }

        @Override
        public void onCheckpoint(int epoch, Path file) {
            inner.onCheckpoint(epoch, file);
        }

        @Override
        public boolean stopRequested() {
            // Stop between epochs when another epoch would overrun the budget (asked after every step too).
            double elapsed = (System.nanoTime() - start) / 1e9;
            return betweenEpochs && epochs >= minEpochs && elapsed + lastEpochSeconds > budgetSeconds
                    || inner.stopRequested();
        }
    }
}
