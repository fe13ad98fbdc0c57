package io.cc4j.option;

import io.cc4j.InvalidInputException;
import java.util.List;
import java.util.function.Function;

/**
 * A setting's value breaks its requirement, or a rule over several settings is broken. The message names the
 * settings by their field names ({@code learningRate must be > 0, got -1.0}); {@link #describe} names them
 * otherwise, e.g. by the command-line flags or JSON keys that gave them.
 */
public class InvalidSettingException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient List<Setting<?>> settings;
    private final transient Object value;
    private final String requirement;
    private final transient Function<List<String>, String> text;

    /**
     * @param setting the setting at fault
     * @param value the value given
     * @param requirement what a valid value must be, e.g. {@code > 0}
     */
    public InvalidSettingException(Setting<?> setting, Object value, String requirement) {
        this(List.of(setting), value, requirement, names -> names.get(0) + " must be " + requirement + ", got "
                + value);
    }

    private InvalidSettingException(List<Setting<?>> settings, Object value, String requirement,
            Function<List<String>, String> text) {
        super(text.apply(settings.stream().map(Setting::field).toList()));
        this.settings = List.copyOf(settings);
        this.value = value;
        this.requirement = requirement;
        this.text = text;
    }

    /**
     * A rule over several settings.
     *
     * @param settings the settings the rule ties together
     * @param text the message, given the names of {@code settings} in the same order
     * @return the exception
     */
    public static InvalidSettingException across(List<Setting<?>> settings, Function<List<String>, String> text) {
        return new InvalidSettingException(settings, null, null, text);
    }

    /**
     * A setting without a default was given no value.
     *
     * @param setting the setting
     * @return the exception
     */
    public static InvalidSettingException missing(Setting<?> setting) {
        return new InvalidSettingException(List.of(setting), null, "given", names -> names.get(0) + " must be given");
    }

    /** The (first) setting at fault. */
    public Setting<?> setting() {
        return settings.get(0);
    }

    /** Every setting the broken rule involves. */
    public List<Setting<?>> settings() {
        return settings;
    }

    /** The value given, for a single setting; null for a rule over several. */
    public Object value() {
        return value;
    }

    /** What a valid value must be, for a single setting; null for a rule over several. */
    public String requirement() {
        return requirement;
    }

    /**
     * @param name how to name a setting (e.g. by its flag)
     * @return the message with each setting named so
     */
    public String describe(Function<Setting<?>, String> name) {
        return text.apply(settings.stream().map(name).toList());
    }
}
