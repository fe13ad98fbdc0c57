package io.cc4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.cc4j.augment.Augmentation;
import io.cc4j.model.MemoryLayouts;
import io.cc4j.model.Stem;
import org.junit.jupiter.api.Test;

/**
 * A run computes in the memory layout measured faster for its stem and input size unless told otherwise, and records
 * the layout it chose, so that a resumed run computes as it started.
 */
class ChannelsLastDefaultTest {
    @Test
    void theDefaultFollowsTheStemAndSizeTheRunUses() {
        for (int size : new int[] {28, 32, 64, 96, 224}) {
            TrainConfig derivedStem = TrainConfig.builder().set(Augmentation.SIZE, size).build();
            assertThat(derivedStem.get(RunPolicy.CHANNELS_LAST)).as("size %d, stem by size", size)
                    .isEqualTo(MemoryLayouts.trainingChannelsLast(Stem.forImageSize(size), size));
            for (Stem stem : Stem.values()) {
                TrainConfig c = TrainConfig.builder().set(Augmentation.SIZE, size).set(Model.STEM, stem).build();
                assertThat(c.get(RunPolicy.CHANNELS_LAST)).as("size %d, %s stem", size, stem)
                        .isEqualTo(MemoryLayouts.trainingChannelsLast(stem, size));
            }
        }
    }

    @Test
    void theTableDiffersBetweenConfigurationsSoTheChecksAboveCanFail() {
        assertThat(MemoryLayouts.trainingChannelsLast(Stem.IMAGENET, 224)).isTrue();
        assertThat(MemoryLayouts.trainingChannelsLast(Stem.CIFAR, 96)).isFalse();
        assertThat(MemoryLayouts.trainingChannelsLast(Stem.IMAGENET, 96))
                .isNotEqualTo(MemoryLayouts.trainingChannelsLast(Stem.CIFAR, 96));
    }

    @Test
    void aChosenLayoutIsKeptAndTheResolvedOneIsWrittenForTheResume() {
        for (boolean on : new boolean[] {false, true}) {
            TrainConfig c = TrainConfig.builder().set(Augmentation.SIZE, 224).set(RunPolicy.CHANNELS_LAST, on).build();
            assertThat(c.get(RunPolicy.CHANNELS_LAST)).isEqualTo(on);
        }
        TrainConfig resolved = TrainConfig.builder().set(Augmentation.SIZE, 224).build();
        assertThat(resolved.toJson()).containsPattern("\"channels_last\"\\s*:\\s*true");
        TrainConfig read = TrainConfig.fromJson(resolved.toJson(), "config.json");
        assertThat(read.get(RunPolicy.CHANNELS_LAST)).isTrue();
    }
}
