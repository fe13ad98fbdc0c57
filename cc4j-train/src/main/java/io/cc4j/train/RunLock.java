package io.cc4j.train;

import io.cc4j.InvalidInputException;
import io.cc4j.io.AtomicFiles;
import io.cc4j.io.CannotWriteException;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds a run directory for one training process: a lock on {@code RUN_DIR/.lock} (released by the operating
 * system when the process dies, also on {@code kill -9}), taken before anything is trained, so that a second
 * process resuming the same run fails at once instead of both writing checkpoints.
 *
 * <p>Taking it also proves that the run directory and its checkpoint directory can be written: a read-only
 * directory or a missing permission fails here, before hours of training, with the path named.
 */
final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final RunLayout run;
    private final boolean createdRunDir;
    private boolean used;

    private RunLock(FileChannel channel, FileLock lock, RunLayout run, boolean createdRunDir) {
        this.channel = channel;
        this.lock = lock;
        this.run = run;
        this.createdRunDir = createdRunDir;
    }

    /** Marks the run directory as holding a run: closing no longer removes what acquiring created. */
    void used() {
        used = true;
    }

    /**
     * @param run the run; its directory and checkpoint directory are created when missing and checked for writing
     * @return the held lock
     * @throws CannotWriteException naming the directory when it cannot be created or written
     * @throws InvalidInputException when another process holds the run
     */
    static RunLock acquire(RunLayout run) {
        Path runDir = run.dir();
        Path checkpoints = run.checkpoints().directory();
        Path file = run.lock();
        boolean created = !Files.exists(runDir);
        FileChannel ch;
        try {
            Files.createDirectories(runDir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CannotWriteException(runDir, "cannot write in the run directory " + runDir + ": "
                    + AtomicFiles.describe(e), e);
        }
        FileLock held;
        try {
            held = ch.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            held = null;
        }
        if (held == null) {
            close(ch);
            throw new InvalidInputException("another cc4j process is training in " + runDir + " (it holds " + file
                    + "); wait for it to finish or stop it first");
        }
        RunLock lock = new RunLock(ch, held, run, created);
        try {
            Files.createDirectories(checkpoints);
            Path probe = Files.createTempFile(checkpoints, ".write-check.", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            lock.close();
            throw new CannotWriteException(checkpoints, "cannot write checkpoints in " + checkpoints + ": "
                    + AtomicFiles.describe(e), e);
        }
        return lock;
    }

    /**
     * Releases the lock. When nothing was trained ({@link #used()} not called), what acquiring created goes too:
     * a new run whose data could not be opened leaves no directory behind.
     */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close releases it too
        }
        close(channel);
        if (!used && createdRunDir) {
            try {
                Files.deleteIfExists(run.lock());
                Files.deleteIfExists(run.checkpoints().directory());
                Files.deleteIfExists(run.dir());
            } catch (IOException ignored) {
                // not empty (someone else wrote there) or gone: left as it is
            }
        }
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was written through it
        }
    }
}
