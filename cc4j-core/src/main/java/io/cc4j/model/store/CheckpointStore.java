package io.cc4j.model.store;

import io.cc4j.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one run directory: {@code RUN_DIR/checkpoints/epoch-NNNNN.ckpt}, newest last.
 * Keeps the last few and finds the newest one that is intact.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("epoch-(\\d+)\\.ckpt");

    private final Path dir;

    /** @param runDir the run directory */
    public CheckpointStore(Path runDir) {
        this.dir = runDir.resolve("checkpoints");
    }

    /** The directory holding the checkpoints. */
    public Path directory() {
        return dir;
    }

    /** File name for the checkpoint after {@code epoch}. */
    public Path fileFor(int epoch) {
        return dir.resolve(String.format("epoch-%05d.ckpt", epoch));
    }

    /** All checkpoint files, oldest first. */
    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(CheckpointStore::epochOf))
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException("cannot list checkpoints in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The newest checkpoint file, if any (not verified). */
    public Optional<Path> latest() {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Newest first, for callers that fall back to an older checkpoint when a newer one is corrupt. */
    public List<Path> newestFirst() {
        List<Path> all = new ArrayList<>(list());
        java.util.Collections.reverse(all);
        return all;
    }

    /** Deletes all but the newest {@code keep} checkpoints. */
    public void prune(int keep) {
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                LOG.warn("could not delete old checkpoint {}: {}", all.get(i), e.getMessage());
            }
        }
    }

    static int epochOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
