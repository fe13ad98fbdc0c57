package io.cc4j.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.augment.Augmentation;
import io.cc4j.model.ModelSpec;
import io.cc4j.option.Configuration;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;
import io.cc4j.option.Settings;
import io.cc4j.run.RunLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * Every option of a training run, immutable, valid and JSON-serialisable: the run writes it to
 * {@code RUN_DIR/config.json} so the run can be repeated exactly, and a configuration file reads it back. The
 * options are the settings of six groups, each declared once: {@link Model}, {@link Optimisation},
 * {@link Pretrained}, {@link Augmentation} (in the JSON object {@code augment}), {@link DataLimits} and
 * {@link RunPolicy}. Read one
 * with {@link #get}, e.g. {@code config.get(Optimisation.LEARNING_RATE)}.
 *
 * <p>Defaults are the official code's (Adam, lr 3e-4, weight decay 0, batch 256, tau_I 0.5, tau_C 1.0,
 * feature dimension 128, seed 42) except the network, which defaults to the cheap CIFAR-stem ResNet-18 at
 * 32x32 rather than the paper's ResNet-34 at 224x224; {@link PaperPreset} gives the paper's exact set-up.
 *
 * <pre>{@code
 * TrainConfig cfg = TrainConfig.builder().set(DataLimits.DATA, List.of("cifar10:/data/cifar"))
 *         .set(Model.CLUSTERS, 10).build();
 * }</pre>
 */
public final class TrainConfig extends Configuration {
    /** The groups of a training run's settings, in the order the JSON and the documentation list them. */
    public static final List<SettingGroup> GROUPS = List.of(Model.GROUP, Optimisation.GROUP, Pretrained.GROUP,
            Augmentation.GROUP, DataLimits.GROUP, RunPolicy.GROUP);

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainConfig(Settings settings) {
        super(checked(settings));
    }

    /** Checks the rules that tie settings together: a configuration that exists is valid. */
    private static Settings checked(Settings settings) {
        int clusters = settings.get(Model.CLUSTERS);
        int batch = settings.get(Optimisation.BATCH_SIZE);
        if (clusters > batch) {
            throw InvalidSettingException.across(List.of(Model.CLUSTERS, Optimisation.BATCH_SIZE), n -> n.get(0)
                    + " (" + clusters + ") must not exceed " + n.get(1) + " (" + batch + "): the cluster loss compares"
                    + " each cluster's column over the batch");
        }
        if (settings.get(Pretrained.FREEZE_BACKBONE) && settings.get(Pretrained.BACKBONE_LR_SCALE) != 1.0) {
            throw InvalidSettingException.across(List.of(Pretrained.BACKBONE_LR_SCALE, Pretrained.FREEZE_BACKBONE),
                    n -> n.get(0) + " sets the learning rate of a backbone that trains; with " + n.get(1) + " it does"
                            + " not train");
        }
        if (settings.get(Pretrained.INIT_HEADS) && settings.get(Pretrained.INIT_BACKBONE).isEmpty()) {
            throw InvalidSettingException.across(List.of(Pretrained.INIT_HEADS, Pretrained.INIT_BACKBONE),
                    n -> n.get(0) + " takes the heads from the initial weights: set " + n.get(1) + " too");
        }
        // One batch of views lives in a Java float array: 2 x batch x 3 x size x size values.
        int size = settings.get(Augmentation.SIZE);
        long viewValues = 2L * batch * 3 * size * size;
        if (viewValues >= Integer.MAX_VALUE - 8) {
            throw InvalidSettingException.across(List.of(Optimisation.BATCH_SIZE, Augmentation.SIZE), n -> n.get(0)
                    + " " + batch + " at " + n.get(1) + " " + size + " needs " + viewValues + " values per batch of"
                    + " views, more than one Java array holds; lower " + n.get(0));
        }
        return settings;
    }

    /**
     * @return a copy with one value changed
     * @throws InvalidSettingException naming the setting when the value or the copy is invalid
     */
    public <T> TrainConfig with(Setting<T> setting, T value) {
        return toBuilder().set(setting, value).build();
    }

    /** The augmentation of pair construction (its size is the network's input size). */
    public AugmentConfig augment() {
        return AugmentConfig.of(settings());
    }

    /** @return the network and input size this configuration trains */
    public ModelSpec modelSpec() {
        return new ModelSpec(get(Model.BACKBONE), get(Model.STEM), get(Model.WIDTH), get(Model.FEATURE_DIM),
                get(Model.CLUSTERS), imageSize(), get(Model.NORMALIZATION));
    }

    /** Image edge in pixels that the network sees. */
    public int imageSize() {
        return get(Augmentation.SIZE);
    }

    /** A builder with the defaults described above. */
    public static Builder builder() {
        return new Builder(Settings.builder(GROUPS));
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(settings().toBuilder());
    }

    /** This configuration as pretty-printed JSON. */
    public String toJson() {
        return prettyJson();
    }

    /**
     * Parses a configuration from JSON text; {@code source} names it in errors, which name the JSON key at fault.
     * Keys the text leaves out keep their defaults (also inside {@code augment}), so a file may hold only what it
     * changes; a file without {@code stem} takes the one that fits the image size.
     *
     * @throws InvalidInputException naming the source and the key of an unknown key or an invalid value
     */
    public static TrainConfig fromJson(String json, String source) {
        JsonNode given;
        try {
            given = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("invalid configuration in " + source + ": " + e.getOriginalMessage(), e);
        }
        try {
            return new Builder(Settings.fromJson(GROUPS, given, source)).build();
        } catch (InvalidSettingException e) {
            throw new InvalidInputException("invalid configuration in " + source + ": "
                    + e.describe(s -> Settings.jsonPath(GROUPS, s)), e);
        }
    }

    /**
     * Reads the configuration a run wrote (its {@code config.json} or a checkpoint's copy), to continue or extend that
     * run: a setting the run's version did not have takes the value that version computed with, not today's default
     * (a run from before channels-last was a choice ran channels-first), so that it continues as it started.
     *
     * @param json the run's configuration
     * @param source names it in messages
     * @return the configuration
     */
    public static TrainConfig ofRun(String json, String source) {
        TrainConfig read = fromJson(json, source);
        try {
            JsonNode node = JSON.readTree(json);
            for (String key : Settings.jsonPath(GROUPS, RunPolicy.CHANNELS_LAST).split("\\.")) {
                node = node == null ? null : node.get(key);
            }
            return node == null ? read.toBuilder().set(RunPolicy.CHANNELS_LAST, false).build() : read;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("invalid configuration in " + source + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a configuration file (JSON). */
    public static TrainConfig read(Path file) {
        return fromJson(RunLayout.readSmallText(file, "configuration file"), file.toString());
    }

    /** Collects values; {@link #build()} checks them. */
    public static final class Builder extends Configuration.Builder<TrainConfig, Builder> {
        private Builder(Settings.Builder values) {
            super(values);
        }

        /** Sets every augmentation setting to {@code augment}'s values. */
        public Builder augment(AugmentConfig augment) {
            return setAll(augment);
        }

        @Override
        public TrainConfig build() {
            return new TrainConfig(values());
        }
    }
}
