package io.cc4j.train;

import io.cc4j.Seeds;
import io.cc4j.data.ImageDataset;
import io.cc4j.data.SubsetDataset;
import java.util.Arrays;

/**
 * The datasets of a run as training uses them: the training images (optionally limited to a seeded subset),
 * the instance-only data of STL-10 mode, and a fixed evaluation subset.
 */
final class RunData {
    private final ImageDataset train;
    private final ImageDataset instanceOnly;
    private final int[] evaluationSubset;

    private RunData(ImageDataset train, ImageDataset instanceOnly, int[] evaluationSubset) {
        this.train = train;
        this.instanceOnly = instanceOnly;
        this.evaluationSubset = evaluationSubset;
    }

    static RunData of(TrainingData data, TrainConfig cfg) {
        ImageDataset train = data.train();
        if (cfg.get(DataLimits.LIMIT) > 0 && cfg.get(DataLimits.LIMIT) < train.size()) {
            int[] keep = Arrays.copyOf(Seeds.permutation(train.size(), Seeds.derive(cfg.get(RunPolicy.SEED), 0x11A17)), cfg.get(DataLimits.LIMIT));
            Arrays.sort(keep);
            train = SubsetDataset.of(train, keep);
        }
        int m = Math.min(cfg.get(RunPolicy.EVAL_SUBSET), train.size());
        int[] eval = Arrays.copyOf(Seeds.permutation(train.size(), Seeds.derive(cfg.get(RunPolicy.SEED), 0xE7A1)), m);
        Arrays.sort(eval);
        return new RunData(train, data.instanceOnly().orElse(null), eval);
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
