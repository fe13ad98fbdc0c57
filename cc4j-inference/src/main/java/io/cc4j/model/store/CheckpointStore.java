package io.cc4j.model.store;

import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
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
 * The checkpoints of one run (its directory comes from {@code io.cc4j.run.RunLayout#checkpoints()}), newest last:
 * <ul>
 *   <li>{@code epoch-NNNNN.ckpt}: after epoch N;</li>
 *   <li>{@code epoch-NNNNN-step-SSSSSS.ckpt}: in the middle of epoch N, after S of its steps
 *       (a graceful stop, or a time-based checkpoint). It sorts after epoch N-1 and before epoch N.</li>
 * </ul>
 * Keeps the last few epoch checkpoints and only the newest step checkpoint (an older one is never needed once a
 * newer checkpoint exists), and finds the newest one that is intact.
 */
public final class CheckpointStore {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{1,9})(?:-step-(\\d{1,9}))?\\.ckpt");
    /** Temporary files of {@link io.cc4j.io.AtomicFiles} for a checkpoint: ".epoch-....ckpt.RANDOM.tmp". */
    private static final Pattern TEMPORARY = Pattern.compile("\\.(epoch-.*\\.ckpt|write-check)\\..*\\.tmp");

    private final Path dir;

    /** @param dir the directory holding a run's checkpoints (it need not exist yet) */
    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    /** The directory holding the checkpoints. */
    public Path directory() {
        return dir;
    }

    /** File name for the checkpoint after {@code epoch}. */
    public Path fileFor(int epoch) {
        return dir.resolve(String.format("epoch-%05d.ckpt", epoch));
    }

    /**
     * File name for a checkpoint in the middle of an epoch.
     *
     * @param epoch the epoch in progress (1-based)
     * @param step steps of that epoch done (over all its phases), at least 1
     * @return the file
     */
    public Path fileForStep(int epoch, long step) {
        if (epoch < 1 || step < 1) {
            throw new IllegalArgumentException("a step checkpoint needs epoch >= 1 and step >= 1");
        }
        return dir.resolve(String.format("epoch-%05d-step-%06d.ckpt", epoch, step));
    }

    /** Whether {@code file} is a checkpoint taken in the middle of an epoch. */
    public static boolean isStepCheckpoint(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() && m.group(2) != null;
    }

    /** All checkpoint files, oldest first. */
    public List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(CheckpointStore::order)).toList();
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

    /** A checkpoint file that opened intact. */
    public record Intact(Path file, Checkpoint.Verified checkpoint) {
    }

    /**
     * The newest checkpoint that opens intact, for resuming. A damaged newer one is moved aside to
     * {@code NAME.ckpt.corrupt} with a warning, so that inference and pruning then see the intact one as the newest;
     * a file that merely cannot be read now (permissions, the disk) fails instead, and stays.
     *
     * @return the newest intact checkpoint
     * @throws InvalidInputException when there is none
     */
    public Intact newestIntact() {
        List<Path> candidates = newestFirst();
        if (candidates.isEmpty()) {
            throw new InvalidInputException("no checkpoint to resume from in " + dir);
        }
        CorruptCheckpointException firstProblem = null;
        for (Path file : candidates) {
            try {
                return new Intact(file, Checkpoint.open(file));
            } catch (CorruptCheckpointException e) {
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                LOG.warn("skipping checkpoint ({}); moved to {}", e.getMessage(), aside.getFileName());
                moveAside(file, aside);
                firstProblem = firstProblem == null ? e : firstProblem;
            }
        }
        throw new InvalidInputException("no intact checkpoint in " + dir + ": " + firstProblem.getMessage(),
                firstProblem);
    }

    private static void moveAside(Path file, Path aside) {
        try {
            Files.move(file, aside, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("could not move {} aside: {}", file, e.getMessage());
        }
    }

    /**
     * Deletes all but the newest {@code keep} epoch checkpoints, and every step checkpoint but the newest file
     * when that is one.
     */
    public void prune(int keep) {
        List<Path> all = list();
        Path newest = all.isEmpty() ? null : all.get(all.size() - 1);
        List<Path> epochs = all.stream().filter(p -> !isStepCheckpoint(p)).toList();
        List<Path> doomed = new ArrayList<>(epochs.subList(0, Math.max(0, epochs.size() - keep)));
        all.stream().filter(p -> isStepCheckpoint(p) && !p.equals(newest)).forEach(doomed::add);
        for (Path p : doomed) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("could not delete old checkpoint {}: {}", p, e.getMessage());
            }
        }
    }

    /**
     * Deletes the temporary files a process killed while writing a checkpoint left behind (they never shadow a
     * checkpoint, but they take space).
     *
     * @return how many were deleted
     */
    public int removeTemporaries() {
        return AtomicFiles.removeTemporaries(dir, TEMPORARY);
    }

    /**
     * The order of checkpoint files by name, newest last: epoch N sorts as (N, 0), step S of epoch N as (N - 1, S).
     *
     * @param p a checkpoint file (only its name is read)
     * @return its sort key, or -1 when the name is not a checkpoint's
     */
    public static long order(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            return -1;
        }
        long epoch = Long.parseLong(m.group(1));
        return m.group(2) == null ? epoch << 32 : ((epoch - 1) << 32) + Long.parseLong(m.group(2));
    }
}
