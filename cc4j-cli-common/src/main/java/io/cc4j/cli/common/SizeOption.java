package io.cc4j.cli.common;

import picocli.CommandLine.Option;

/** {@code --size PX}: the image edge the network takes (and views are made at). */
public final class SizeOption {
    /** The size when none is given and nothing else decides it. */
    public static final int DEFAULT = 32;

    @Option(names = "--size", paramLabel = "PX", description = "Network input size in pixels (images and views are"
            + " that square). Default: " + DEFAULT + ".")
    private Integer size;

    /** @return the size given, or null */
    public Integer orNull() {
        return size;
    }

    /** @return the size given, or {@code fallback} */
    public int or(int fallback) {
        return size != null ? size : fallback;
    }
}
