package io.cc4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The run directory of checkpoint format 1 kept in the test resources ({@code fixtures/run-format-1}), copied
 * to a writable place, and the data it was trained on.
 */
public final class FormatOneRun {
    private static final String ROOT = "/fixtures/run-format-1/";

    private FormatOneRun() {
    }

    /**
     * @param dir where to put the copy
     * @return the run directory
     */
    public static Path copyTo(Path dir) {
        try {
            Files.createDirectories(dir.resolve("checkpoints"));
            for (String name : new String[] {"config.json", "expected-assignments.json", "checkpoints/epoch-00001.ckpt"}) {
                try (InputStream in = FormatOneRun.class.getResourceAsStream(ROOT + name)) {
                    Files.copy(in, dir.resolve(name));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param dir where to write the images
     * @return the spec of the 64 images the fixture was trained on and its expectations computed from
     */
    public static String data(Path dir) {
        try {
            return TinyIdx.write(dir, 64, 16, 4, 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
