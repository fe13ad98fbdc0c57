package io.cc4j.option;

import io.cc4j.InvalidInputException;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A setting's value breaks its requirement, a rule over several settings is broken, or a value a job needs is
 * missing. The message names the settings by their field names ({@code learningRate must be > 0, got -1.0});
 * {@link #describe} names them otherwise, e.g. by the command-line flags or JSON keys that gave them.
 */
public class InvalidSettingException extends InvalidInputException implements NamesFields {
    private static final long serialVersionUID = 1L;

    private final transient List<Setting<?>> settings;
    private final transient Object value;
    private final String requirement;
    private final transient FieldMessage message;

    /**
     * @param setting the setting at fault
     * @param value the value given
     * @param requirement what a valid value must be, e.g. {@code > 0}
     */
    public InvalidSettingException(Setting<?> setting, Object value, String requirement) {
        this(List.of(setting), value, requirement, FieldMessage.of(setting.field(),
                name -> name + " must be " + requirement + ", got " + value));
    }

    private InvalidSettingException(List<Setting<?>> settings, Object value, String requirement,
            FieldMessage message) {
        super(message.toString());
        this.settings = List.copyOf(settings);
        this.value = value;
        this.requirement = requirement;
        this.message = message;
    }

    /**
     * A setting without a default was given no value.
     *
     * @param setting the setting
     * @return the exception
     */
    public static InvalidSettingException missing(Setting<?> setting) {
        return new InvalidSettingException(List.of(setting), null, "given",
                FieldMessage.of(setting.field(), name -> name + " must be given"));
    }

    /**
     * A rule over several settings.
     *
     * @param settings the settings the rule ties together
     * @param text the message, given the names of {@code settings} in the same order
     * @return the exception
     */
    public static InvalidSettingException across(List<Setting<?>> settings, Function<List<String>, String> text) {
        return new InvalidSettingException(settings, null, null,
                FieldMessage.of(settings.stream().map(Setting::field).toList(), text));
    }

    /**
     * A value of a job's configuration that is not a declared setting (a builder's option, a method's argument)
     * is missing or wrong.
     *
     * @param message the message, naming the fields
     * @return the exception
     */
    public static InvalidSettingException of(FieldMessage message) {
        return new InvalidSettingException(List.of(), null, null, message);
    }

    /**
     * @param message the message, naming the fields
     * @param cause the underlying error
     * @return the exception
     */
    public static InvalidSettingException of(FieldMessage message, Throwable cause) {
        InvalidSettingException e = of(message);
        e.initCause(cause);
        return e;
    }

    /**
     * @param field a field of a job's configuration (e.g. {@code data}) that is missing or wrong
     * @param text the message, given the field's name
     * @return the exception
     */
    public static InvalidSettingException naming(String field, UnaryOperator<String> text) {
        return of(FieldMessage.of(field, text));
    }

    /**
     * @param fields fields of a job's configuration the message names
     * @param text the message, given the fields' names in the same order
     * @return the exception
     */
    public static InvalidSettingException naming(List<String> fields, Function<List<String>, String> text) {
        return of(FieldMessage.of(fields, text));
    }

    /** The (first) setting at fault, or null when the message names fields that are not declared settings. */
    public Setting<?> setting() {
        return settings.isEmpty() ? null : settings.get(0);
    }

    /** Every declared setting the broken rule involves. */
    public List<Setting<?>> settings() {
        return settings;
    }

    /** The value given, for a single setting; null otherwise. */
    public Object value() {
        return value;
    }

    /** What a valid value must be, for a single setting; null otherwise. */
    public String requirement() {
        return requirement;
    }

    @Override
    public FieldMessage fieldMessage() {
        return message;
    }

    /**
     * @param name how to name a setting (e.g. by its JSON key)
     * @return the message with each setting named so (fields that are no declared setting keep their names)
     */
    public String describe(Function<Setting<?>, String> name) {
        return message.with(field -> settings.stream().filter(s -> s.field().equals(field)).findFirst()
                .map(name).orElse(field));
    }

    /**
     * @param name how to name a field (e.g. by its flag)
     * @return the message with each field named so
     */
    public String describeFields(UnaryOperator<String> name) {
        return message.with(name);
    }
}
