package io.cc4j.cli.common;

import io.cc4j.option.Setting;
import io.cc4j.option.SettingGroup;
import io.cc4j.option.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Binds groups of library settings to a command's options: one option per setting, named by {@link Flags},
 * typed, documented and defaulted from the setting, in a help section per group. An option the command already
 * has under a setting's flag (one of the shared options) is moved into the group's section, described as the
 * setting, rather than declared again, unless the command says what it means there ({@link SharedOptionTexts}).
 * Settings without a text form (a nested configuration object) get no option.
 *
 * <p>Options bound so have no default of their own: {@link #given} returns the values the command line gave, to
 * lay over defaults, a configuration file or a preset.
 */
public final class SettingOptions {
    private SettingOptions() {
    }

    /**
     * @param spec the command (from a {@code modelTransformer})
     * @param groups the groups to bind, in the order of their help sections
     * @param defaults the values the command uses when an option is not given, for the help texts
     * @return {@code spec}
     */
    public static CommandSpec bind(CommandSpec spec, List<SettingGroup> groups, Settings.Builder defaults) {
        Map<String, String> own = spec.userObject() instanceof SharedOptionTexts texts ? texts.sharedOptionTexts()
                : Map.of();
        for (SettingGroup g : groups) {
            ArgGroupSpec.Builder section = ArgGroupSpec.builder().heading("%n" + g.name() + ":%n").exclusive(false)
                    .validate(false).multiplicity("0..1");
            boolean any = false;
            for (Setting<?> s : g.settings()) {
                if (!bindable(s)) {
                    continue;
                }
                OptionSpec shared = spec.findOption(Flags.of(s));
                if (shared != null) {
                    spec.remove(shared);
                    // described as the setting it gives; the library checks what must be given, so the option
                    // may be left out for a default or a configuration file
                    shared = shared.toBuilder().description(description(s, defaults)).required(false).build();
                }
                OptionSpec bound = shared != null ? shared : option(s, defaults);
                String text = own.get(Flags.of(s));
                section.addArg(text == null ? bound : bound.toBuilder().description(text).build());
                any = true;
            }
            if (any) {
                spec.addArgGroup(section.build());
            }
        }
        return spec;
    }

    /**
     * @param spec a command bound with {@link #bind}, after parsing
     * @param groups the groups bound
     * @return each setting whose option the command line gave, with its value, in the groups' order
     */
    public static Map<Setting<?>, Object> given(CommandSpec spec, List<SettingGroup> groups) {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<Setting<?>, Object> values = new LinkedHashMap<>();
        for (SettingGroup g : groups) {
            for (Setting<?> s : g.settings()) {
                OptionSpec o = bindable(s) ? spec.findOption(Flags.of(s)) : null;
                if (o != null && parsed.hasMatchedOption(o)) {
                    requireOnce(spec, parsed.matchedOption(o.longestName()), s);
                    values.put(s, o.getValue());
                }
            }
        }
        return values;
    }

    /**
     * Refuses a single-valued option given twice, as picocli does for options outside argument groups (inside one,
     * which the help sections need, it would keep the last value without a word).
     */
    private static void requireOnce(CommandSpec spec, OptionSpec matched, Setting<?> s) {
        boolean single = s.elementType() == null && s.type() != Boolean.class;
        if (single && matched.originalStringValues().size() > 1) {
            throw new ParameterException(spec.commandLine(), "option '" + matched.longestName()
                    + "' should be specified only once");
        }
    }

    /** Whether a setting reads from a command-line argument. */
    static boolean bindable(Setting<?> s) {
        Class<?> t = s.type();
        return s.hasParser() || s.elementType() == String.class || t == Integer.class || t == Long.class
                || t == Double.class || t == Boolean.class || t == String.class;
    }

    private static OptionSpec option(Setting<?> s, Settings.Builder defaults) {
        List<String> names = Flags.names(s.field());
        OptionSpec.Builder o = OptionSpec.builder(names.toArray(String[]::new)).description(description(s, defaults));
        if (s.type() == Boolean.class) {
            return o.type(Boolean.class).arity("0").negatable(true).build();
        }
        o.paramLabel(Flags.label(s));
        if (s.elementType() != null) {
            o.type(List.class).auxiliaryTypes(s.elementType());
        } else {
            o.type(s.type());
        }
        if (s.hasParser()) {
            o.converters(s::parse);
        }
        return o.build();
    }

    private static String description(Setting<?> s, Settings.Builder defaults) {
        String text = s.isDerived() && !defaults.isSet(s) ? s.defaultText() : defaultText(defaults.get(s));
        String doc = s.doc();
        if (s.elementType() != null) {
            doc = doc.substring(0, doc.length() - (doc.endsWith(".") ? 1 : 0)) + " (repeatable).";
        }
        return text == null ? doc : doc + " Default: " + text + ".";
    }

    private static String defaultText(Object value) {
        return value == null ? null : Setting.format(value);
    }
}
