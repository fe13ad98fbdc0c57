package io.cc4j.cli.common;

import io.cc4j.InvalidInputException;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --data SPEC}, repeatable: the images a command reads, as dataset specs joined in order. */
public final class DataOption {
    @Option(names = "--data", paramLabel = "SPEC", description = "Dataset spec, e.g. cifar10:DIR, fashion-mnist:DIR"
            + " or folder:DIR (repeatable: joined). Where a run is given, the default is the data it trained on.")
    private List<String> data;

    /** @return the specs given, or an empty list */
    public List<String> specs() {
        return data == null ? List.of() : data;
    }

    /** @return the specs given, or null when the option was not given */
    public List<String> orNull() {
        return data;
    }

    /**
     * @return the one spec given, or null
     * @throws InvalidInputException when more than one was given
     */
    public String single() {
        if (data == null || data.isEmpty()) {
            return null;
        }
        if (data.size() > 1) {
            throw new InvalidInputException("give one --data here, not " + data.size());
        }
        return data.get(0);
    }
}
