package io.cc4j.cli.common;

import io.cc4j.option.Setting;
import java.util.List;
import java.util.Map;

/**
 * The one place that names the library's fields as flags: a field's flag is its name in kebab-case
 * ({@code checkpointEvery} is {@code --checkpoint-every}) unless listed here, and its parameter label follows its
 * type unless listed. Both the options bound from settings and the messages the command line rewrites use it.
 */
public final class Flags {
    /** Fields whose flags are not their kebab-case names, or that have a short name too; the long name last. */
    private static final Map<String, List<String>> NAMES = Map.of(
            "learningRate", List.of("--lr"),
            "clusters", List.of("-k", "--clusters"),
            "batchSize", List.of("-b", "--batch-size"),
            "epochs", List.of("-e", "--epochs"),
            "source", List.of("-m", "--model"),
            "maxDelay", List.of("--max-delay-ms"),
            "maxBodyBytes", List.of("--max-body-mb"),
            "kmeansOn", List.of("--on"));

    /** Parameter labels that say more than the type's. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("clusters", "K"), Map.entry("learningRate", "LR"), Map.entry("weightDecay", "WD"),
            Map.entry("instanceTemperature", "T"), Map.entry("clusterTemperature", "T"), Map.entry("featureDim", "D"),
            Map.entry("seed", "SEED"), Map.entry("evalEvery", "E"), Map.entry("checkpointEvery", "C"),
            Map.entry("checkpointMinutes", "M"), Map.entry("size", "PX"), Map.entry("strength", "S"),
            Map.entry("data", "SPEC"), Map.entry("instanceOnlyData", "SPEC"), Map.entry("source", "RUN_DIR"),
            Map.entry("ccClusterLoss", "W"), Map.entry("initBackbone", "SOURCE"), Map.entry("initPrefix", "PREFIX"),
            Map.entry("normalization", "NORM"), Map.entry("backboneLrScale", "F"));

    private Flags() {
    }

    /** @return the flag that gives {@code setting}, e.g. {@code --lr} */
    public static String of(Setting<?> setting) {
        return of(setting.field());
    }

    /** @return the flag that gives the field, e.g. {@code --checkpoint-every} for {@code checkpointEvery} */
    public static String of(String field) {
        List<String> names = names(field);
        return names.get(names.size() - 1);
    }

    /** @return every name of the field's option, short ones first */
    public static List<String> names(String field) {
        return NAMES.getOrDefault(field, List.of("--" + kebab(field)));
    }

    /** @return the parameter label of the setting's option, e.g. {@code LR} or {@code N} */
    public static String label(Setting<?> setting) {
        String label = LABELS.get(setting.field());
        if (label != null) {
            return label;
        }
        Class<?> t = setting.type();
        if (t == Integer.class || t == Long.class) {
            return "N";
        }
        if (t == Double.class) {
            return "X";
        }
        return t.isEnum() ? "NAME" : "VALUE";
    }

    /** {@code checkpointEvery} to {@code checkpoint-every}. */
    static String kebab(String field) {
        StringBuilder s = new StringBuilder();
        for (char c : field.toCharArray()) {
            if (Character.isUpperCase(c)) {
                s.append('-').append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
