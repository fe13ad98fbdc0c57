package io.cc4j.cli.common;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Checks of a command line's help texts, for the tests of each program: every command's summary in the help of
 * the command above it is one whole sentence on one line, and no description is wrapped by hand (an element of a
 * description is a paragraph, which ends a sentence).
 */
public final class HelpTexts {
    private HelpTexts() {
    }

    /** @return each command summary, in the "Commands:" lists of {@code root} and below, that is cut or wrapped */
    public static List<String> cutSummaries(CommandLine root) {
        List<String> problems = new ArrayList<>();
        summaries(root, problems);
        return problems;
    }

    /** @return each description element of {@code root} and the commands below it that does not end a sentence */
    public static List<String> wrappedParagraphs(CommandLine root) {
        List<String> problems = new ArrayList<>();
        paragraphs(root, problems);
        return problems;
    }

    private static void summaries(CommandLine cl, List<String> problems) {
        if (cl.getSubcommands().isEmpty()) {
            return;
        }
        String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String list = help.substring(help.indexOf("Commands:\n") + "Commands:\n".length());
        List<String> entries = new ArrayList<>();
        for (String line : list.split("\n")) {
            if (line.isBlank() || !line.startsWith(" ")) {
                break;
            }
            if (line.matches(" {2}\\S.*")) {
                entries.add(line.trim());
            } else {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " | " + line.trim());
            }
        }
        for (String e : entries) {
            if (e.contains(" | ") || !e.endsWith(".")) {
                problems.add(cl.getCommandName() + ": " + e);
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            summaries(sub, problems);
        }
    }

    private static void paragraphs(CommandLine cl, List<String> problems) {
        if (cl.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
            return; // picocli's own
        }
        for (String p : cl.getCommandSpec().usageMessage().description()) {
            String t = p.trim();
            if (!(t.endsWith(".") || t.endsWith(":") || t.endsWith("?") || t.endsWith("!"))) {
                problems.add(cl.getCommandName() + ": " + t);
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            paragraphs(sub, problems);
        }
    }
}
