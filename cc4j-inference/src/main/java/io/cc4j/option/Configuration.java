package io.cc4j.option;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A configuration that is the values of its setting groups, valid once built, immutable and compared by value:
 * read with {@link #get}, changed through a {@link Builder}. A subclass adds what its settings mean together (rules
 * over several settings, derived values such as a network's shape).
 */
public abstract class Configuration {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Settings settings;

    /** @param settings the values, checked */
    protected Configuration(Settings settings) {
        this.settings = settings;
    }

    /**
     * @param setting a setting of one of the configuration's groups
     * @return its value
     */
    public <T> T get(Setting<T> setting) {
        return settings.get(setting);
    }

    /** All values. */
    public Settings settings() {
        return settings;
    }

    /** The values as pretty-printed JSON, a key per setting. */
    protected String prettyJson() {
        try {
            return PRETTY.writeValueAsString(settings.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + getClass().getSimpleName(), e);
        }
    }

    /** The JSON object of a nested group, for a configuration that is that group alone. */
    protected ObjectNode groupJson(SettingGroup nested) {
        return (ObjectNode) settings.toJson().get(nested.key());
    }

    /**
     * @param nested a nested group
     * @param json the group's own object, as {@link #groupJson} writes it
     * @param source names the JSON in messages
     * @return a builder holding the values read
     */
    protected static Settings.Builder fromGroupJson(SettingGroup nested, JsonNode json, String source) {
        ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
        wrapped.set(nested.key(), json);
        return Settings.fromJson(List.of(nested), wrapped, source);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((Configuration) o).settings.equals(settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + settings;
    }

    /**
     * Collects values; {@link #build()} checks them.
     *
     * @param <C> the configuration built
     * @param <B> the builder itself
     */
    public abstract static class Builder<C extends Configuration, B extends Builder<C, B>> {
        private final Settings.Builder values;

        /** @param values the values so far */
        protected Builder(Settings.Builder values) {
            this.values = values;
        }

        /**
         * @param setting a setting of one of the configuration's groups
         * @param value its value, or null for its default
         * @return this
         */
        public <T> B set(Setting<T> setting, T value) {
            values.set(setting, value);
            return self();
        }

        /**
         * As {@link #set(Setting, Object)} for a whole-number setting, so that {@code set(RunPolicy.SEED, 7)} compiles.
         *
         * @param setting a {@code Long} setting
         * @param value its value
         * @return this
         */
        public B set(Setting<Long> setting, long value) {
            return set(setting, Long.valueOf(value));
        }

        /**
         * As {@link #set(Setting, Object)} for a real-valued setting, so that {@code set(WEIGHT_DECAY, 0)} compiles.
         *
         * @param setting a {@code Double} setting
         * @param value its value
         * @return this
         */
        public B set(Setting<Double> setting, double value) {
            return set(setting, Double.valueOf(value));
        }

        /** Sets values whose types the compiler did not check (e.g. parsed from a command line). */
        public B setAll(Map<Setting<?>, ?> given) {
            values.setAll(given);
            return self();
        }

        /** Sets every value {@code other} holds for a setting of these groups. */
        public B setAll(Configuration other) {
            values.setAll(other.settings());
            return self();
        }

        /** @return the value set so far, or the default */
        public <T> T get(Setting<T> setting) {
            return values.get(setting);
        }

        /** @return the values so far, checked */
        protected Settings values() {
            return values.build();
        }

        /**
         * @return the configuration
         * @throws InvalidSettingException naming the first value out of range, or the settings of a broken rule
         */
        public abstract C build();

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
