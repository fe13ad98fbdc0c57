package io.cc4j.train;

import io.cc4j.data.DatasetSpec;
import io.cc4j.data.SubsetDataset;
import io.cc4j.data.ImageDataset;
import java.util.Arrays;

/**
 * The datasets of a run: the joined training specs (optionally limited to a seeded subset), the
 * instance-only data of STL-10 mode, and a fixed evaluation subset.
 */
final class TrainingData {
    private final ImageDataset train;
    private final ImageDataset instanceOnly;
    private final int[] evaluationSubset;

    private TrainingData(ImageDataset train, ImageDataset instanceOnly, int[] evaluationSubset) {
        this.train = train;
        this.instanceOnly = instanceOnly;
        this.evaluationSubset = evaluationSubset;
    }

    static TrainingData open(TrainConfig cfg) {
        ImageDataset train = DatasetSpec.openAll(cfg.data());
        if (cfg.limit() > 0 && cfg.limit() < train.size()) {
            int[] keep = Arrays.copyOf(Seeds.permutation(train.size(), Seeds.derive(cfg.seed(), 0x11A17)), cfg.limit());
            Arrays.sort(keep);
            train = SubsetDataset.of(train, keep);
        }
        ImageDataset instanceOnly = cfg.instanceOnlyData().isEmpty() ? null : DatasetSpec.openAll(cfg.instanceOnlyData());
        int m = Math.min(cfg.evalSubset(), train.size());
        int[] eval = Arrays.copyOf(Seeds.permutation(train.size(), Seeds.derive(cfg.seed(), 0xE7A1)), m);
        Arrays.sort(eval);
        return new TrainingData(train, instanceOnly, eval);
    }


    ImageDataset train() {
        return train;
    }

    ImageDataset instanceOnly() {
        return instanceOnly;
    }

    int[] evaluationSubset() {
        return evaluationSubset.clone();
    }
}
