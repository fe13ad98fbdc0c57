package io.cc4j.cli.common;

import java.util.ArrayList;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Finishes a command line the way every cc4j program does: the {@link ErrorHandler}, the exit-code list in every
 * command's help ({@link ExitCodes#standard()} plus the command's own entries), and the shared options a command
 * takes otherwise than usual. A shared option's mixin named with {@link #OPTIONAL} or {@link #REQUIRED} in front
 * (e.g. {@code @Mixin(name = CommandLines.OPTIONAL + "model")}) becomes optional or required in that command, and a
 * command that implements {@link SharedOptionTexts} says what its shared options mean there.
 */
public final class CommandLines {
    /** Prefix of a mixin name that makes the mixin's options optional in the command. */
    public static final String OPTIONAL = "optional:";
    /** Prefix of a mixin name that makes the mixin's options required in the command. */
    public static final String REQUIRED = "required:";

    private CommandLines() {
    }

    /**
     * @param root the program's command line, with its subcommands
     * @param handler what turns exceptions into messages and exit codes
     * @return {@code root}
     */
    public static CommandLine configure(CommandLine root, ErrorHandler handler) {
        root.setExecutionExceptionHandler(handler);
        configure(root);
        return root;
    }

    private static void replace(CommandSpec spec, OptionSpec old, OptionSpec changed) {
        spec.remove(old);
        spec.addOption(changed);
    }

    private static void configure(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        Map<String, String> own = spec.usageMessage().exitCodeList();
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.withOwn(own));
        for (Map.Entry<String, CommandSpec> mixin : spec.mixins().entrySet()) {
            String name = mixin.getKey();
            if (name.startsWith(OPTIONAL) || name.startsWith(REQUIRED)) {
                boolean required = name.startsWith(REQUIRED);
                for (OptionSpec o : mixin.getValue().options()) {
                    OptionSpec bound = spec.findOption(o.longestName());
                    if (bound != null && bound.required() != required) {
                        replace(spec, bound, bound.toBuilder().required(required).build());
                    }
                }
            }
        }
        if (spec.userObject() instanceof SharedOptionTexts texts) {
            texts.sharedOptionTexts().forEach((flag, text) -> {
                OptionSpec o = spec.findOption(flag);
                if (o == null) {
                    throw new IllegalStateException(spec.qualifiedName() + " has no option " + flag + " to describe");
                }
                if (o.group() == null) { // an option bound from a setting took its text when it was bound
                    replace(spec, o, o.toBuilder().description(text).build());
                }
            });
        }
        for (CommandLine sub : new ArrayList<>(cl.getSubcommands().values())) {
            configure(sub);
        }
    }
}
