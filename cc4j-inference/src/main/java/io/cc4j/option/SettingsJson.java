package io.cc4j.option;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cc4j.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Settings to and from JSON: one key per setting, flat or in the object of a nested group. */
final class SettingsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SettingsJson() {
    }

    static ObjectNode write(Settings settings) {
        ObjectNode root = JSON.createObjectNode();
        for (SettingGroup g : settings.groups()) {
            ObjectNode target = g.key() == null ? root : root.putObject(g.key());
            for (Setting<?> s : g.settings()) {
                target.set(s.key(), JSON.valueToTree(settings.get(s)));
            }
        }
        return root;
    }

    static Settings.Builder read(Settings.Builder into, JsonNode json, String source) {
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("invalid configuration in " + source + ": expected a JSON object");
        }
        List<SettingGroup> groups = groupsOf(into);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            JsonNode value = json.get(name);
            SettingGroup nested = groups.stream().filter(g -> name.equals(g.key())).findFirst().orElse(null);
            if (nested != null) {
                if (!value.isObject()) {
                    throw new InvalidInputException("invalid configuration in " + source + ": \"" + name
                            + "\" must be an object");
                }
                for (Iterator<String> inner = value.fieldNames(); inner.hasNext(); ) {
                    String key = inner.next();
                    readOne(into, find(List.of(nested), List.of(), name + "." + key, key, source), value.get(key),
                            name + "." + key, source);
                }
            } else {
                List<SettingGroup> flat = groups.stream().filter(g -> g.key() == null).toList();
                List<String> objects = groups.stream().filter(g -> g.key() != null).map(SettingGroup::key).toList();
                readOne(into, find(flat, objects, name, name, source), value, name, source);
            }
        }
        return into;
    }

    private static void readOne(Settings.Builder into, Setting<?> setting, JsonNode value, String where,
            String source) {
        if (value == null || value.isNull()) {
            return; // a null keeps the default, as a key left out does
        }
        try {
            JavaType type = setting.elementType() != null
                    ? JSON.getTypeFactory().constructCollectionType(collection(setting), setting.elementType())
                    : JSON.getTypeFactory().constructType(setting.type());
            into.setRaw(setting, JSON.treeToValue(value, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof InvalidInputException bad ? bad.getMessage()
                    : e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidInputException("invalid configuration in " + source + ": \"" + where + "\": " + why, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends java.util.Collection<?>> collection(Setting<?> setting) {
        return (Class<? extends java.util.Collection<?>>) setting.type();
    }

    /** The setting of {@code groups} with JSON key {@code key}; {@code where} names it in the message if none. */
    private static Setting<?> find(List<SettingGroup> groups, List<String> objects, String where, String key,
            String source) {
        List<String> known = new ArrayList<>();
        for (SettingGroup g : groups) {
            for (Setting<?> s : g.settings()) {
                if (s.key().equals(key)) {
                    return s;
                }
                known.add(s.key());
            }
        }
        known.addAll(objects);
        throw new InvalidInputException("invalid configuration in " + source + ": unknown key \"" + where
                + "\" (known: " + String.join(", ", known) + ")");
    }

    private static List<SettingGroup> groupsOf(Settings.Builder b) {
        return b.groups;
    }
}
