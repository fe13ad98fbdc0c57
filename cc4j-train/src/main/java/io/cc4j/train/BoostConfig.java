package io.cc4j.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cc4j.InvalidInputException;
import io.cc4j.augment.BoostAugmentConfig;
import io.cc4j.option.InvalidSettingException;
import io.cc4j.option.Setting;
import io.cc4j.option.Settings;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The options of the self-labeling boost stage that follows Contrastive Clustering: the values of the
 * {@link Boost} settings, valid once built, immutable, compared by value. Written to {@code RUN_DIR/boost.json}.
 */
public final class BoostConfig {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Settings settings;

    private BoostConfig(Settings settings) {
        this.settings = settings;
    }

    /** A builder with TCL's defaults; the source run and the views must be set. */
    public static Builder builder() {
        return new Builder(Settings.builder(Boost.GROUP));
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(settings.toBuilder());
    }

    /**
     * TCL's settings for a run, with its augmentations for a dataset preset.
     *
     * @param source the CC run directory
     * @param epochs boost epochs
     * @param preset augmentation preset name (e.g. cifar10, fashion-mnist)
     * @param size image size of the model
     * @return the configuration
     */
    public static BoostConfig tcl(Path source, int epochs, String preset, int size) {
        return builder().set(Boost.SOURCE, source.toString()).set(Boost.EPOCHS, epochs)
                .set(Boost.AUGMENT, BoostAugmentConfig.preset(preset, size)).build();
    }

    /** @return the value of one of the {@link Boost} settings */
    public <T> T get(Setting<T> setting) {
        return settings.get(setting);
    }

    /** @return a copy with one value changed, checked */
    public <T> BoostConfig with(Setting<T> setting, T value) {
        return toBuilder().set(setting, value).build();
    }

    /** @return this configuration as JSON */
    public String toJson() {
        try {
            return JSON.writeValueAsString(settings.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the boost configuration", e);
        }
    }

    /**
     * @param run a boost run
     * @return its configuration
     * @throws InvalidInputException naming the file when it is missing or invalid
     */
    public static BoostConfig read(RunLayout run) {
        Path file = run.boostConfig();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(run + " is not a boost run (no " + file.getFileName() + ")");
        }
        try {
            return new Builder(Settings.fromJson(List.of(Boost.GROUP), JSON.readTree(file.toFile()), file.toString()))
                    .build();
        } catch (InvalidSettingException e) {
            throw new InvalidInputException("invalid boost configuration " + file + ": " + e.describe(s -> Settings.jsonPath(List.of(Boost.GROUP), s)), e);
        } catch (IOException e) {
            throw new InvalidInputException("invalid boost configuration " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoostConfig c && c.settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return "BoostConfig" + settings;
    }

    /** Collects values; {@link #build()} checks them. */
    public static final class Builder {
        private final Settings.Builder values;

        private Builder(Settings.Builder values) {
            this.values = values;
        }

        /**
         * @param setting one of the {@link Boost} settings
         * @param value its value, or null for its default
         * @return this
         */
        public <T> Builder set(Setting<T> setting, T value) {
            values.set(setting, value);
            return this;
        }

        /** Sets values whose types the compiler did not check (e.g. parsed from a command line). */
        public Builder setAll(java.util.Map<Setting<?>, ?> given) {
            values.setAll(given);
            return this;
        }

        /**
         * @return the configuration
         * @throws InvalidSettingException naming the first value out of range, or a missing source or views
         */
        public BoostConfig build() {
            return new BoostConfig(values.build());
        }
    }
}
