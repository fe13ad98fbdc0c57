package io.cc4j.cli.common;

import picocli.CommandLine.Option;

/**
 * {@code --[no-]channels-last}: the memory layout of the backbone's data, for the commands that run the network.
 * Left out, the model's own default applies (channels-last where it was measured faster).
 */
public final class ChannelsLastOption {
    @Option(names = "--channels-last", negatable = true, description = "Run the backbone on channels-last (NHWC)"
            + " data, or with --no-channels-last on channels-first (NCHW) data: the same numbers to rounding,"
            + " computed by other libtorch kernels. Default: channels-last where it was measured faster (see"
            + " docs/benchmarks.md).")
    private Boolean channelsLast;

    /** @return the layout the command line chose, or null to keep the model's default */
    public Boolean orNull() {
        return channelsLast;
    }
}
