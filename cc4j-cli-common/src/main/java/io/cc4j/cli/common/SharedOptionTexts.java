package io.cc4j.cli.common;

import java.util.Map;

/**
 * A command whose shared options (or options bound from settings) mean something of their own there: their help
 * texts, by flag, replace the shared ones when the command line is configured ({@link CommandLines}). The option
 * stays declared once; only what it says in this command changes.
 */
public interface SharedOptionTexts {
    /** @return help text by flag, e.g. {@code "--size" -> "Input size the model was trained at."} */
    Map<String, String> sharedOptionTexts();
}
