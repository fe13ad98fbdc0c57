package io.cc4j.option;

import java.util.List;
import java.util.Objects;

/**
 * A named concern and its settings, in the order they are documented (e.g. the optimisation of a training run:
 * batch size, epochs, learning rate, ...). A configuration is a list of groups; a group is flat in JSON unless it
 * is {@link #nested} under a key of its own.
 */
public final class SettingGroup {
    private final String name;
    private final String key;
    private final List<Setting<?>> settings;

    private SettingGroup(String name, String key, List<Setting<?>> settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.key = key;
        this.settings = List.copyOf(settings);
    }

    /**
     * @param name the concern, as a heading reads it (e.g. {@code Optimisation})
     * @param settings its settings, in order
     * @return a group whose settings sit at the top level of a JSON object
     */
    public static SettingGroup of(String name, Setting<?>... settings) {
        return new SettingGroup(name, null, List.of(settings));
    }

    /**
     * @param key the JSON key of the object that holds the group (e.g. {@code augment})
     * @param name the concern, as a heading reads it
     * @param settings its settings, in order
     * @return a group written as an object of its own
     */
    public static SettingGroup nested(String key, String name, Setting<?>... settings) {
        return new SettingGroup(name, Objects.requireNonNull(key, "key"), List.of(settings));
    }

    /** The concern, as a heading reads it. */
    public String name() {
        return name;
    }

    /** The JSON key of the object that holds the group, or null when its settings sit at the top level. */
    public String key() {
        return key;
    }

    /** Its settings, in order. */
    public List<Setting<?>> settings() {
        return settings;
    }

    /** @return whether {@code setting} belongs to this group */
    public boolean contains(Setting<?> setting) {
        return settings.contains(setting);
    }

    @Override
    public String toString() {
        return name;
    }
}
