package io.cc4j.train;

import io.cc4j.model.BackboneType;
import io.cc4j.model.ContrastiveModel;
import io.cc4j.model.Stem;

/** Builds the network a configuration describes (initialised from the engine's seeded RNG). */
public final class ModelFactory {
    private ModelFactory() {
    }

    /**
     * @param cfg run configuration
     * @return an initialised model (three input channels: grayscale data is replicated by the augmentations)
     */
    public static ContrastiveModel create(TrainConfig cfg) {
        return ContrastiveModel.builder()
                .optBackbone(BackboneType.parse(cfg.backbone()))
                .optStem(Stem.parse(cfg.stem()))
                .optWidth(cfg.width())
                .optInputChannels(3)
                .optFeatureDim(cfg.featureDim())
                .setClusters(cfg.clusters())
                .optSeed(Seeds.derive(cfg.seed(), 0x5EED))
                .optJointForward(!cfg.separateViews())
                .build();
    }
}
