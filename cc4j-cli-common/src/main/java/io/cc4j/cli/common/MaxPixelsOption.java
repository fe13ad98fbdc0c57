package io.cc4j.cli.common;

import io.cc4j.data.ImageDecoder;
import picocli.CommandLine.Option;

/** {@code --max-pixels N}: the largest image decoded, refused from its header when larger. */
public final class MaxPixelsOption {
    @Option(names = "--max-pixels", paramLabel = "N", description = "Refuse images larger than N pixels (width x"
            + " height) from their header: a decompression bomb costs a few bytes. Default: "
            + ImageDecoder.DEFAULT_MAX_PIXELS + ", or the run's own setting where a run is given.")
    private Long maxPixels;

    /** @return the limit given, or null */
    public Long orNull() {
        return maxPixels;
    }

    /** @return the limit given, or the decoder's default */
    public long orDefault() {
        return maxPixels != null ? maxPixels : ImageDecoder.DEFAULT_MAX_PIXELS;
    }
}
