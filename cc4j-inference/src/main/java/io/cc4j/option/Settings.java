package io.cc4j.option;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The values of a list of {@link SettingGroup}s, one for every setting, each valid: immutable, compared by value,
 * read with {@link #get}, changed into a new holder with {@link #with} or a {@link Builder}. A setting left unset
 * takes its default, or its derivation from the others.
 */
public final class Settings {
    private final List<SettingGroup> groups;
    private final Map<Setting<?>, Object> values;
    /** Settings whose values were derived, not given: a builder made from this holder derives them again. */
    private final Set<Setting<?>> derived;

    private Settings(List<SettingGroup> groups, Map<Setting<?>, Object> values, Set<Setting<?>> derived) {
        this.groups = groups;
        this.values = Collections.unmodifiableMap(values);
        this.derived = Set.copyOf(derived);
    }

    /** A builder for the settings of these groups, every one at its default. */
    public static Builder builder(List<SettingGroup> groups) {
        return new Builder(List.copyOf(groups));
    }

    /** A builder for the settings of these groups, every one at its default. */
    public static Builder builder(SettingGroup... groups) {
        return builder(List.of(groups));
    }

    /**
     * Reads values from JSON as {@link #toJson()} writes them. Keys left out keep their defaults; a null value is
     * left out.
     *
     * @param groups the groups the JSON holds
     * @param json a JSON object
     * @param source names the JSON in messages (e.g. the file)
     * @return a builder holding the values read, to adjust or {@link Builder#build()}
     * @throws io.cc4j.InvalidInputException naming {@code source} and the key of an unknown key or a value of the
     *     wrong type
     */
    public static Builder fromJson(List<SettingGroup> groups, JsonNode json, String source) {
        return SettingsJson.read(builder(groups), json, source);
    }

    /**
     * @param setting a setting of one of the groups
     * @return its value
     * @throws IllegalArgumentException when the setting belongs to none of the groups
     */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException(setting.field() + " is not one of " + groups);
        }
        return (T) values.get(setting);
    }

    /** @return a copy with one value changed, checked */
    public <T> Settings with(Setting<T> setting, T value) {
        return toBuilder().set(setting, value).build();
    }

    /**
     * A builder holding every value of this holder that was given; a derived one (e.g. a stem that follows the image
     * size) is derived again from what the builder is then given.
     */
    public Builder toBuilder() {
        Builder b = new Builder(groups);
        values.forEach((s, v) -> {
            if (!derived.contains(s)) {
                b.given.put(s, v);
            }
        });
        return b;
    }

    /** The groups, in order. */
    public List<SettingGroup> groups() {
        return groups;
    }

    /**
     * @param groups the groups of a configuration
     * @param setting one of their settings
     * @return where the setting sits in the configuration's JSON, e.g. {@code augment.size}
     */
    public static String jsonPath(List<SettingGroup> groups, Setting<?> setting) {
        return groups.stream().filter(g -> g.contains(setting) && g.key() != null).findFirst()
                .map(g -> g.key() + "." + setting.key()).orElse(setting.key());
    }

    /** The values as JSON: a key per setting, the settings of a nested group in an object of their own. */
    public ObjectNode toJson() {
        return SettingsJson.write(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && s.groups.equals(groups) && s.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("[");
        values.forEach((k, v) -> s.append(s.length() > 1 ? ", " : "").append(k.field()).append('=').append(v));
        return s.append(']').toString();
    }

    /** Collects values; {@link #build()} checks them. */
    public static final class Builder {
        final List<SettingGroup> groups;
        private final Map<Setting<?>, Object> given = new LinkedHashMap<>();

        private Builder(List<SettingGroup> groups) {
            this.groups = groups;
        }

        /**
         * @param setting a setting of one of the groups
         * @param value its value, or null to return it to its default
         * @return this
         */
        public <T> Builder set(Setting<T> setting, T value) {
            requireKnown(setting);
            if (value == null) {
                given.remove(setting);
            } else {
                given.put(setting, value);
            }
            return this;
        }

        /**
         * Sets values whose types were not checked by the compiler (e.g. parsed from a command line); a value of
         * the wrong type fails here, an invalid one in {@link #build()}.
         *
         * @param values values by setting; a null value returns the setting to its default
         * @return this
         */
        public Builder setAll(java.util.Map<Setting<?>, ?> values) {
            values.forEach((s, v) -> {
                if (v == null) {
                    set(s, null);
                } else if (!s.type().isInstance(v)) {
                    throw new IllegalArgumentException(s.field() + " takes a " + s.type().getSimpleName() + ", not a "
                            + v.getClass().getSimpleName());
                } else {
                    setRaw(s, v);
                }
            });
            return this;
        }

        /** Sets a value of unchecked type (read from JSON or text); {@link #build()} checks it. */
        Builder setRaw(Setting<?> setting, Object value) {
            requireKnown(setting);
            given.put(setting, value);
            return this;
        }

        /** Takes every value {@code other} was given for a setting of these groups (derived ones are derived here). */
        public Builder setAll(Settings other) {
            other.values.forEach((k, v) -> {
                if (knows(k) && !other.derived.contains(k)) {
                    given.put(k, v);
                }
            });
            return this;
        }

        /** @return whether a value was set for {@code setting} (rather than left at its default) */
        public boolean isSet(Setting<?> setting) {
            return given.containsKey(setting);
        }

        /**
         * @param setting a setting of one of the groups
         * @return the value set so far, or its default (for a derived setting: derived from the values so far)
         */
        @SuppressWarnings("unchecked")
        public <T> T get(Setting<T> setting) {
            requireKnown(setting);
            Object v = given.get(setting);
            if (v != null) {
                return (T) v;
            }
            return setting.isDerived() ? setting.derive(resolvedBefore(setting)) : setting.defaultValue();
        }

        /**
         * @return the settings
         * @throws InvalidSettingException naming the first value that breaks its requirement
         */
        public Settings build() {
            Map<Setting<?>, Object> v = new LinkedHashMap<>();
            List<Setting<?>> derived = new ArrayList<>();
            for (SettingGroup g : groups) {
                for (Setting<?> s : g.settings()) {
                    if (given.containsKey(s)) {
                        v.put(s, s.validate(given.get(s)));
                    } else if (s.isDerived()) {
                        derived.add(s);
                        v.put(s, null); // keeps the declared order
                    } else {
                        v.put(s, s.validate(s.defaultValue())); // a setting without a default must be given
                    }
                }
            }
            // in declared order, each seeing the values derived before it
            for (Setting<?> s : derived) {
                v.put(s, s.validate(s.derive(new Settings(groups, new LinkedHashMap<>(v), Set.of()))));
            }
            return new Settings(groups, v, new HashSet<>(derived));
        }

        /**
         * The values so far for a derivation to read: those given, the defaults, and the derived settings declared
         * before {@code target}, each derived in turn; the derived ones after it are null.
         */
        private Settings resolvedBefore(Setting<?> target) {
            Map<Setting<?>, Object> v = new LinkedHashMap<>();
            List<Setting<?>> toDerive = new ArrayList<>();
            for (SettingGroup g : groups) {
                for (Setting<?> s : g.settings()) {
                    boolean deriveIt = s.isDerived() && !given.containsKey(s);
                    v.put(s, deriveIt ? null : given.getOrDefault(s, s.defaultValue()));
                    if (deriveIt) {
                        toDerive.add(s);
                    }
                }
            }
            for (Setting<?> s : toDerive) {
                if (s.equals(target)) {
                    break;
                }
                v.put(s, s.derive(new Settings(groups, new LinkedHashMap<>(v), Set.of())));
            }
            return new Settings(groups, v, Set.of());
        }

        private boolean knows(Setting<?> setting) {
            return groups.stream().anyMatch(g -> g.contains(setting));
        }

        private void requireKnown(Setting<?> setting) {
            if (!knows(Objects.requireNonNull(setting, "setting"))) {
                throw new IllegalArgumentException(setting.field() + " is not one of " + groups);
            }
        }
    }
}
