package io.cc4j.spark.job;

import io.cc4j.io.CannotWriteException;
import io.cc4j.option.InvalidSettingException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * A job's output directory written under a hidden name beside it ({@code .NAME.cc4j-writing-ID}, which Spark and
 * Hadoop readers skip as they skip any name starting with a dot) and renamed to its final name once Spark has
 * committed every task. A job that fails, or a driver stopped by a signal, leaves no output directory behind, and
 * an overwrite that fails leaves the old output as it was. Only a driver killed outright ({@code kill -9}) can
 * leave the hidden directory.
 *
 * <p>On HDFS and local disks the rename is one metadata operation; on object stores (S3A, GCS) a rename copies
 * every part file, which costs about as much as writing them again.
 */
final class StagedOutput {
    private StagedOutput() {
    }

    /**
     * @param conf the Hadoop configuration
     * @param out the final directory
     * @param overwrite whether an existing {@code out} is replaced (after the new output is complete)
     * @param writer writes the output to the directory it is given, which does not exist yet
     */
    static void write(Configuration conf, String out, boolean overwrite, Consumer<String> writer) {
        Path target;
        FileSystem fs;
        try {
            Path given = new Path(out);
            fs = given.getFileSystem(conf);
            target = fs.makeQualified(given);
        } catch (IOException | IllegalArgumentException e) {
            throw InvalidSettingException.naming("out", n -> "cannot write the output directory " + out + " (" + n
                    + "): " + e.getMessage());
        }
        Path parent = target.getParent();
        if (parent == null) {
            throw InvalidSettingException.naming("out", n -> n + " cannot be the root directory " + out);
        }
        if (!overwrite && exists(fs, target, out)) {
            throw exists(out);
        }
        Path staging = new Path(parent, "." + target.getName() + ".cc4j-writing-"
                + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT));
        FileSystem stagingFs = fs;
        Runnable cleanUp = () -> deleteQuietly(stagingFs, staging);
        // Before Hadoop closes its file systems at shutdown (priority 10): Ctrl-C during the job removes it too.
        ShutdownHookManager.get().addShutdownHook(cleanUp, FileSystem.SHUTDOWN_HOOK_PRIORITY + 1);
        try {
            writer.accept(staging.toString());
            if (exists(fs, target, out)) {
                if (!overwrite) {
                    throw exists(out); // appeared while the job ran
                }
                if (!fs.delete(target, true)) {
                    throw new IOException("could not delete the old output");
                }
            }
            if (!fs.rename(staging, target)) {
                throw new IOException("could not rename " + staging + " to " + target);
            }
        } catch (IOException e) {
            throw new CannotWriteException(java.nio.file.Path.of(out), "cannot write the output directory " + out
                    + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(fs, staging);
            ShutdownHookManager.get().removeShutdownHook(cleanUp);
        }
    }

    private static InvalidSettingException exists(String out) {
        return InvalidSettingException.naming(List.of("out", "overwrite"), n -> "the output directory " + out
                + " exists; choose another " + n.get(0) + " or set " + n.get(1) + " to replace it");
    }

    private static boolean exists(FileSystem fs, Path p, String out) {
        try {
            return fs.exists(p);
        } catch (IOException e) {
            throw new CannotWriteException(java.nio.file.Path.of(out), "cannot check the output directory " + out
                    + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(FileSystem fs, Path p) {
        try {
            if (fs.exists(p)) {
                fs.delete(p, true);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort: a hidden directory the next run does not read.
        }
    }
}
