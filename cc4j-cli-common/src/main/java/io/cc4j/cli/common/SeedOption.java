package io.cc4j.cli.common;

import picocli.CommandLine.Option;

/** {@code --seed SEED}: the one seed every random choice of the command derives from. */
public final class SeedOption {
    /** The seed when none is given: the official code's. */
    public static final long DEFAULT = 42;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + DEFAULT,
            description = "The one seed of every random choice. Default: ${DEFAULT-VALUE}.")
    private long seed;

    /** @return the seed */
    public long seed() {
        return seed;
    }
}
