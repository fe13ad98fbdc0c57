package io.cc4j.option;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A message that names fields of the library's configuration: the library says it with the field names
 * ({@code learningRate}), a front end with its own names for them (a command line's {@code --lr}).
 */
public final class FieldMessage {
    private final List<String> fields;
    private final Function<List<String>, String> text;

    private FieldMessage(List<String> fields, Function<List<String>, String> text) {
        this.fields = List.copyOf(fields);
        this.text = text;
    }

    /**
     * @param fields the fields the message names, camelCase
     * @param text the message, given the names of {@code fields} in the same order
     * @return the message
     */
    public static FieldMessage of(List<String> fields, Function<List<String>, String> text) {
        return new FieldMessage(fields, text);
    }

    /**
     * @param field the field the message names
     * @param text the message, given the field's name
     * @return the message
     */
    public static FieldMessage of(String field, UnaryOperator<String> text) {
        return new FieldMessage(List.of(field), names -> text.apply(names.get(0)));
    }

    /** The fields named, in order. */
    public List<String> fields() {
        return fields;
    }

    /**
     * @param name how to name a field (e.g. by its flag)
     * @return the message with each field named so
     */
    public String with(UnaryOperator<String> name) {
        return text.apply(fields.stream().map(name).toList());
    }

    /** The message with the fields' own names. */
    @Override
    public String toString() {
        return text.apply(fields);
    }
}
