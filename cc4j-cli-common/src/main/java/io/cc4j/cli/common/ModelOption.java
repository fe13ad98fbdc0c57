package io.cc4j.cli.common;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -m/--model RUN_DIR}: the trained run a command works on; required unless the command says otherwise. */
public final class ModelOption {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "RUN_DIR",
            description = "Trained run directory.")
    private String model;

    /** @return the run as given (a URI stays a URI), or null */
    public String value() {
        return model;
    }

    /** @return the run as a local path, or null */
    public Path path() {
        return model == null ? null : Path.of(model);
    }
}
