package io.cc4j.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cc4j.InvalidInputException;
import io.cc4j.augment.BoostAugmentConfig;
import io.cc4j.option.Configuration;
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
public final class BoostConfig extends Configuration {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BoostConfig(Settings settings) {
        super(settings);
    }

    /** A builder with TCL's defaults; the source run and the views must be set. */
    public static Builder builder() {
        return new Builder(Settings.builder(Boost.GROUP));
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(settings().toBuilder());
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

    /** @return a copy with one value changed, checked */
    public <T> BoostConfig with(Setting<T> setting, T value) {
        return toBuilder().set(setting, value).build();
    }

    /** @return this configuration as JSON */
    public String toJson() {
        return prettyJson();
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
            return new Builder(Settings.fromJson(List.of(Boost.GROUP),
                    JSON.readTree(RunLayout.readSmallText(file, "boost configuration")), file.toString())).build();
        } catch (InvalidSettingException e) {
            throw new InvalidInputException("invalid boost configuration " + file + ": " + e.describe(s -> Settings.jsonPath(List.of(Boost.GROUP), s)), e);
        } catch (IOException e) {
            throw new InvalidInputException("invalid boost configuration " + file + ": " + e.getMessage(), e);
        }
    }

    /** Collects values; {@link #build()} checks them. */
    public static final class Builder extends Configuration.Builder<BoostConfig, Builder> {
        private Builder(Settings.Builder values) {
            super(values);
        }

        @Override
        public BoostConfig build() {
            return new BoostConfig(values());
        }
    }
}
