package io.cc4j.cli.common;

import picocli.CommandLine.Option;

/** {@code --json}: print one JSON object instead of text. */
public final class JsonOption {
    @Option(names = "--json", description = "Print one JSON object instead of text.")
    private boolean json;

    /** @return whether JSON was asked for */
    public boolean json() {
        return json;
    }
}
