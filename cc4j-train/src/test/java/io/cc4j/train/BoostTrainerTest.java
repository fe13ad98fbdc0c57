package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cc4j.InvalidInputException;
import io.cc4j.data.DatasetSpec;
import io.cc4j.data.ImageDataset;
import io.cc4j.inference.ClusterPredictor;
import io.cc4j.run.RunLayout;
import io.cc4j.testing.TinyIdx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boost stage end to end on the tiny run of TrainerTest. */
class BoostTrainerTest {
    @TempDir
    static Path tmp;
    static Path cc;
    static String spec;

    @BeforeAll
    static void ccRun() throws IOException {
        spec = TinyIdx.write(tmp.resolve("data"), 64, 16, 4, 1);
        cc = tmp.resolve("cc");
        new Trainer(null).train(TrainConfig.builder().set(DataLimits.DATA, List.of(spec)).set(Model.CLUSTERS, 4)
                .set(Model.BACKBONE, io.cc4j.model.BackboneType.RESNET18).set(Model.STEM, io.cc4j.model.Stem.CIFAR).set(Model.WIDTH, 4)
                .augment(io.cc4j.augment.AugmentConfig.preset("fashion-mnist", 16)).set(Optimisation.BATCH_SIZE, 16).set(Optimisation.EPOCHS, 2)
                .set(Optimisation.LEARNING_RATE, 1e-3).set(RunPolicy.THREADS, 1).set(DataLimits.WORKERS, 1).set(RunPolicy.EVAL_EVERY, 0).set(RunPolicy.EVAL_SUBSET, 64).set(RunPolicy.CHECKPOINT_EVERY, 1).build(), cc)
                .close();
    }

    /** TCL's settings, with an alpha a two-epoch model reaches, so that labels exist. */
    private static BoostConfig config(int epochs) {
        return BoostConfig.tcl(cc, epochs, "fashion-mnist", 16).toBuilder().set(Boost.ALPHA, 0.26)
                .set(Boost.EVAL_EVERY, 1).set(Boost.CHECKPOINT_EVERY, 1).build();
    }

    @Test
    void boostWritesItsRunAndTheFirstEpochOnlyLabels() {
        Path run = tmp.resolve("boost");
        BoostTrainer.Result r = new BoostTrainer(null).boost(config(3), null, run);
        assertThat(r.epochsCompleted()).isEqualTo(3);
        List<BoostEpochRecord> h = r.history();
        assertThat(h.get(0).instanceLoss()).as("epoch 1 only fills the labels").isNull();
        assertThat(h.get(0).labelledFraction()).isPositive();
        assertThat(h.subList(1, 3)).allSatisfy(e -> {
            assertThat(e.instanceLoss()).isFinite().isPositive();
            assertThat(e.clusterLoss()).isFinite().isNotNegative();
            assertThat(e.labelAccuracy()).isBetween(0.0, 1.0);
            assertThat(e.nmi()).isBetween(0.0, 1.0);
        });
        assertThat(RunLayout.of(run).boostLog()).exists();
        assertThat(BoostConfig.read(RunLayout.of(run)).get(Boost.ALPHA)).isEqualTo(0.26);
        ImageDataset d = DatasetSpec.open(spec);
        try (ClusterPredictor boosted = ClusterPredictor.load(run)) {
            assertThat(boosted.predict(d).size()).isEqualTo(64);
        }
        assertThatThrownBy(() -> new BoostTrainer(null).boost(config(3), null, run))
                .isInstanceOf(RunExistsException.class).hasMessageContaining("already holds a run");
    }

    @Test
    void resumingEqualsBoostingStraightThrough() {
        Path straight = tmp.resolve("boost-straight");
        new BoostTrainer(null).boost(config(3), null, straight);
        Path stopped = tmp.resolve("boost-stopped");
        new BoostTrainer(null).boost(config(2), null, stopped);
        BoostTrainer.Result resumed = new BoostTrainer(null).resume(stopped, null, 3);
        assertThat(resumed.history()).extracting(BoostEpochRecord::epoch).containsExactly(1, 2, 3);
        try (NewestModels models = new NewestModels(straight, stopped)) {
            models.assertSameParameters();
        }
        assertThatThrownBy(() -> new BoostTrainer(null).resume(stopped, null, 3))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already boosted 3 of 3");
    }

    @Test
    void theCcClusterLossIsAddedWhenAskedAndOldConfigurationsReadWithoutIt() throws IOException {
        BoostConfig plain = config(2);
        BoostConfig withCc = plain.with(Boost.CC_CLUSTER_LOSS, 1.0);
        Path a = tmp.resolve("boost-plain");
        Path b = tmp.resolve("boost-cc");
        double plainLoss = new BoostTrainer(null).boost(plain, null, a).history().get(1).clusterLoss();
        double ccLoss = new BoostTrainer(null).boost(withCc, null, b).history().get(1).clusterLoss();
        // The CC cluster loss is at least ln K - its entropy term's share; with K = 4 it adds well above 0.1.
        assertThat(ccLoss - plainLoss).as("cluster loss with and without CC's term").isGreaterThan(0.1);
        assertThat(BoostConfig.read(RunLayout.of(b)).get(Boost.CC_CLUSTER_LOSS)).isEqualTo(1.0);
        String old = java.nio.file.Files.readString(RunLayout.of(a).boostConfig())
                .replaceAll(",\\s*\"cc_cluster_loss\"\\s*:\\s*[0-9.eE+-]+", "");
        assertThat(old).doesNotContain("cc_cluster_loss");
        java.nio.file.Files.writeString(RunLayout.of(a).boostConfig(), old);
        assertThat(BoostConfig.read(RunLayout.of(a)).get(Boost.CC_CLUSTER_LOSS)).isZero();
        assertThatThrownBy(() -> plain.with(Boost.CC_CLUSTER_LOSS, -1.0))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ccClusterLoss must be >= 0, got -1.0");
    }
}
