package io.cc4j.option;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One option of the library, declared once: its field name, JSON key, type, default, documentation and
 * validation. What reads, writes, checks or binds options ({@link Settings}, a command line) works from this
 * declaration alone, in the manner of Flink's {@code ConfigOption} and Kafka's {@code ConfigDef}.
 *
 * <p>Settings compare by identity: declare each as a constant of its {@link SettingGroup}'s class.
 *
 * @param <T> the value type
 */
public final class Setting<T> {
    private final String field;
    private final String key;
    private final Class<?> type;
    private final Class<?> elementType;
    private final T defaultValue;
    private final Function<Settings, T> derivation;
    private final String defaultText;
    private final String doc;
    private final Predicate<? super T> check;
    private final String requirement;
    private final Function<String, T> parser;
    private final UnaryOperator<T> normalizer;

    private Setting(Builder<T> b) {
        this.field = b.field;
        this.key = b.key != null ? b.key : snakeCase(b.field);
        this.type = b.type;
        this.elementType = b.elementType;
        this.defaultValue = b.defaultValue;
        this.derivation = b.derivation;
        this.defaultText = b.defaultText;
        this.doc = Objects.requireNonNull(b.doc, "doc");
        this.check = b.check;
        this.requirement = b.requirement;
        this.parser = b.parser;
        this.normalizer = b.normalizer;
    }

    /** A whole number of at least {@code min}. */
    public static Setting<Integer> intAtLeast(String field, int min, int defaultValue, String doc) {
        return builder(field, Integer.class, doc).defaultValue(defaultValue)
                .check(v -> v >= min, "at least " + min).build();
    }

    /** A whole number of at least 1. */
    public static Setting<Integer> positiveInt(String field, int defaultValue, String doc) {
        return intAtLeast(field, 1, defaultValue, doc);
    }

    /** A whole number of at least 0. */
    public static Setting<Integer> nonNegativeInt(String field, int defaultValue, String doc) {
        return intAtLeast(field, 0, defaultValue, doc);
    }

    /** A whole number of at least 1. */
    public static Setting<Long> positiveLong(String field, long defaultValue, String doc) {
        return builder(field, Long.class, doc).defaultValue(defaultValue).check(v -> v >= 1, "at least 1").build();
    }

    /** A finite number above 0. */
    public static Setting<Double> positiveDouble(String field, double defaultValue, String doc) {
        return builder(field, Double.class, doc).defaultValue(defaultValue)
                .check(v -> v > 0 && Double.isFinite(v), "> 0").build();
    }

    /** A finite number of at least 0. */
    public static Setting<Double> nonNegativeDouble(String field, double defaultValue, String doc) {
        return builder(field, Double.class, doc).defaultValue(defaultValue)
                .check(v -> v >= 0 && Double.isFinite(v), ">= 0").build();
    }

    /** On or off. */
    public static Setting<Boolean> flag(String field, boolean defaultValue, String doc) {
        return builder(field, Boolean.class, doc).defaultValue(defaultValue).build();
    }

    /** One of the constants of an enum, read from text by {@code parser} (which names the accepted values). */
    public static <E extends Enum<E>> Setting<E> choice(String field, Class<E> type, E defaultValue,
            Function<String, E> parser, String doc) {
        return builder(field, type, doc).defaultValue(defaultValue).parser(parser).build();
    }

    /** A list of texts, empty by default; on a command line the option repeats. */
    public static Setting<List<String>> strings(String field, String doc) {
        return builder(field, List.<String>of(), doc).elementType(String.class)
                .check(v -> v.stream().allMatch(s -> s != null && !s.isBlank()), "a list of non-blank texts")
                .normalized(List::copyOf).build();
    }

    /** A set of constants of an enum, kept in the enum's order. */
    @SuppressWarnings("unchecked")
    public static <E extends Enum<E>> Setting<Set<E>> setOf(String field, Class<E> element, Set<E> defaultValue,
            String doc) {
        Builder<Set<E>> b = (Builder<Set<E>>) (Builder<?>) new Builder<>(field, Set.class, doc);
        return b.defaultValue(defaultValue).elementType(element).check(v -> !v.contains(null), "a set of " + element
                .getSimpleName()).normalized(v -> Collections.unmodifiableSet(v.isEmpty() ? EnumSet.noneOf(element)
                        : EnumSet.copyOf(v))).build();
    }

    /**
     * @param field the name in messages and code, camelCase
     * @param type the value type
     * @param doc one sentence saying what it does
     * @return a builder for a setting with any other attributes
     */
    public static <T> Builder<T> builder(String field, Class<T> type, String doc) {
        return new Builder<>(field, type, doc);
    }

    @SuppressWarnings("unchecked")
    private static <T> Builder<T> builder(String field, T defaultValue, String doc) {
        return (Builder<T>) new Builder<>(field, List.class, doc).defaultValue(defaultValue);
    }

    /** The field name, camelCase, as library messages name it (e.g. {@code learningRate}). */
    public String field() {
        return field;
    }

    /** The JSON key, snake_case unless declared otherwise (e.g. {@code learning_rate}). */
    public String key() {
        return key;
    }

    /** The value's class ({@code List} or {@code Set} for a collection). */
    public Class<?> type() {
        return type;
    }

    /** The class of a collection's elements, or null when the value is not a collection. */
    public Class<?> elementType() {
        return elementType;
    }

    /** The default, or null when the default is derived from other settings or a value must be given. */
    public T defaultValue() {
        return defaultValue;
    }

    /** True when the default is worked out from other settings ({@link #derive}). */
    public boolean isDerived() {
        return derivation != null;
    }

    /** True when a value must be given: there is neither a default nor a derivation. */
    public boolean isRequired() {
        return defaultValue == null && derivation == null;
    }

    /**
     * The default as a person reads it (e.g. {@code 0.0003}, {@code cifar below 128 px, imagenet from 128 px}), or
     * null when a value must be given.
     */
    public String defaultText() {
        if (defaultText != null) {
            return defaultText;
        }
        return defaultValue == null ? null : format(defaultValue);
    }

    /** One sentence saying what the setting does. */
    public String doc() {
        return doc;
    }

    /** What a valid value must be, as in "{@code learningRate} must be REQUIREMENT", or null when any value goes. */
    public String requirement() {
        return requirement;
    }

    /** True when the value reads from text by the setting's own parser rather than as a plain number or text. */
    public boolean hasParser() {
        return parser != null;
    }

    /**
     * @param text the value as text (a command-line argument)
     * @return the value
     * @throws io.cc4j.InvalidInputException or {@link IllegalArgumentException} when the text is not a value
     */
    @SuppressWarnings("unchecked")
    public T parse(String text) {
        if (parser != null) {
            return parser.apply(text);
        }
        Object v;
        if (type == Integer.class) {
            v = Integer.valueOf(text.trim());
        } else if (type == Long.class) {
            v = Long.valueOf(text.trim());
        } else if (type == Double.class) {
            v = Double.valueOf(text.trim());
        } else if (type == Boolean.class) {
            v = Boolean.valueOf(text.trim());
        } else if (type == String.class) {
            v = text;
        } else {
            throw new IllegalArgumentException(field + " has no text form");
        }
        return (T) v;
    }

    /** The default derived from the other values (only for a derived setting). */
    T derive(Settings others) {
        return derivation.apply(others);
    }

    /**
     * @param value a value
     * @return the value, cast to this setting's type (a collection as an unmodifiable copy)
     * @throws InvalidSettingException when it is missing or breaks the requirement
     * @throws IllegalArgumentException when it is not of the setting's type (a programming error)
     */
    @SuppressWarnings("unchecked")
    public T validate(Object value) {
        if (value == null) {
            throw InvalidSettingException.missing(this);
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(field + " takes a " + type.getSimpleName() + ", not a "
                    + value.getClass().getSimpleName());
        }
        T typed = (T) value;
        if (check != null && !check.test(typed)) {
            throw new InvalidSettingException(this, typed, requirement);
        }
        return normalizer == null ? typed : normalizer.apply(typed);
    }

    @Override
    public String toString() {
        return field;
    }

    /**
     * A value as help texts show it: whole doubles without ".0", others without exponent, booleans as on and off,
     * enum constants in lower case.
     */
    public static String format(Object value) {
        if (value instanceof Double d && Double.isFinite(d)) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString(d.longValue());
            }
            return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Boolean b) {
            return b ? "on" : "off";
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (value instanceof List<?> l && l.isEmpty()) {
            return "none";
        }
        return String.valueOf(value);
    }

    /** {@code learningRate} to {@code learning_rate}. */
    static String snakeCase(String camel) {
        StringBuilder s = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                s.append('_').append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Declares a setting with any attributes; without a default or a derivation a value must be given.
     *
     * @param <T> the value type
     */
    public static final class Builder<T> {
        private final String field;
        private final Class<?> type;
        private final String doc;
        private String key;
        private Class<?> elementType;
        private T defaultValue;
        private Function<Settings, T> derivation;
        private String defaultText;
        private Predicate<? super T> check;
        private String requirement;
        private Function<String, T> parser;
        private UnaryOperator<T> normalizer;

        private Builder(String field, Class<?> type, String doc) {
            this.field = Objects.requireNonNull(field, "field");
            this.type = Objects.requireNonNull(type, "type");
            this.doc = doc;
        }

        /** The JSON key, when it is not the field name in snake_case. */
        public Builder<T> key(String jsonKey) {
            this.key = jsonKey;
            return this;
        }

        /** The value when none is given. */
        public Builder<T> defaultValue(T value) {
            this.defaultValue = value;
            return this;
        }

        /**
         * A default worked out from the other settings when none is given.
         *
         * @param from computes the default; it may read any setting that is not itself derived and the derived
         *     settings declared before this one (a derived one declared after it reads as null)
         * @param text the rule as a person reads it
         * @return this
         */
        public Builder<T> derived(Function<Settings, T> from, String text) {
            this.derivation = from;
            this.defaultText = text;
            return this;
        }

        /** The default as a person reads it, when the value's own text says it badly. */
        public Builder<T> defaultText(String text) {
            this.defaultText = text;
            return this;
        }

        /**
         * @param valid what a valid value satisfies
         * @param what the same as text, e.g. {@code > 0}, read after "must be"
         * @return this
         */
        public Builder<T> check(Predicate<? super T> valid, String what) {
            this.check = valid;
            this.requirement = what;
            return this;
        }

        /** Reads a value from text (a command-line argument); plain numbers, booleans and texts need none. */
        public Builder<T> parser(Function<String, T> fromText) {
            this.parser = fromText;
            return this;
        }

        /** Replaces a valid value by its canonical form (e.g. an unmodifiable copy). */
        public Builder<T> normalized(UnaryOperator<T> canonical) {
            this.normalizer = canonical;
            return this;
        }

        private Builder<T> elementType(Class<?> element) {
            this.elementType = element;
            return this;
        }

        /** @return the setting */
        public Setting<T> build() {
            return new Setting<>(this);
        }
    }
}
