package io.cc4j.spark;

import io.cc4j.InvalidInputException;
import io.cc4j.model.FeatureKind;
import io.cc4j.run.RunLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Brings a model from any Hadoop file system (local, HDFS, S3A, ...) to the local disk of an executor, where
 * {@link io.cc4j.inference.ClusterPredictor} reads it.
 *
 * <p>From a run directory only what a predictor reads is copied: the newest checkpoint (in
 * {@link io.cc4j.model.store.CheckpointStore#order} order, as {@code cc4j cluster} picks it, step checkpoints included) and
 * the saved k-means centroids ({@code kmeans-*.json}); a checkpoint file is copied alone. A path on the local file
 * system is used where it is, with no copy.
 */
final class ModelFiles {
    /** A run's file names, relative, to find them on a Hadoop file system. */
    private static final RunLayout NAMES = RunLayout.of(Path.of(""));

    private ModelFiles() {
    }

    static boolean isCheckpointFile(String modelPath) {
        return modelPath.endsWith(".ckpt");
    }

    /**
     * @param modelPath a Hadoop path or URI, maybe relative
     * @param conf the Hadoop configuration
     * @return the path qualified on the driver ({@code file:/abs/run}, {@code hdfs://nn/...}), or as given when its
     *     file system cannot be reached here
     */
    static String qualified(String modelPath, Configuration conf) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(modelPath);
            return p.getFileSystem(conf).makeQualified(p).toString();
        } catch (IOException | IllegalArgumentException e) {
            return modelPath;
        }
    }

    /**
     * A local path holding the model: the path itself on a local file system, else a fresh temporary copy.
     *
     * @param modelPath run directory or checkpoint file, a Hadoop path or URI
     * @param conf the Hadoop configuration (credentials, endpoints)
     * @return the local run directory or checkpoint, and the temporary directory to delete later (or null)
     */
    static Local fetch(String modelPath, Configuration conf) {
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(modelPath);
        try {
            FileSystem fs = source.getFileSystem(conf);
            if ("file".equals(fs.getScheme())) {
                return new Local(Path.of(fs.makeQualified(source).toUri()), null);
            }
            return copyToTemp(fs, source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the model from " + modelPath, e);
        }
    }

    /**
     * Copies what a predictor reads to a new temporary directory.
     *
     * @param fs the model's file system
     * @param source run directory or checkpoint file
     * @return the local copy, with its temporary directory
     */
    static Local copyToTemp(FileSystem fs, org.apache.hadoop.fs.Path source) throws IOException {
        if (!fs.exists(source)) {
            throw new InvalidInputException("model not found: " + source);
        }
        Path temp = Files.createTempDirectory("cc4j-model-");
        try {
            if (isCheckpointFile(source.getName())) {
                Path target = temp.resolve(source.getName());
                copy(fs, source, target);
                return new Local(target, temp);
            }
            FileStatus newest = newestCheckpoint(fs, source);
            RunLayout local = RunLayout.of(temp);
            Path checkpoints = local.checkpoints().directory();
            Files.createDirectories(checkpoints);
            copy(fs, newest.getPath(), checkpoints.resolve(newest.getPath().getName()));
            for (FeatureKind kind : FeatureKind.values()) {
                org.apache.hadoop.fs.Path centroids = new org.apache.hadoop.fs.Path(source,
                        NAMES.centroids(kind).toString());
                if (fs.isFile(centroids)) {
                    copy(fs, centroids, local.centroids(kind));
                }
            }
            return new Local(temp, temp);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    private static FileStatus newestCheckpoint(FileSystem fs, org.apache.hadoop.fs.Path runDir) throws IOException {
        String checkpoints = NAMES.checkpoints().directory().toString();
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(runDir, checkpoints);
        if (!fs.exists(dir)) {
            throw new InvalidInputException("no trained model in " + runDir + " (no " + checkpoints + "/epoch-*.ckpt)");
        }
        FileStatus best = null;
        long bestOrder = -1;
        for (FileStatus f : fs.listStatus(dir)) {
            long order = io.cc4j.model.store.CheckpointStore.order(Path.of(f.getPath().getName()));
            if (f.isFile() && order > bestOrder) {
                best = f;
                bestOrder = order;
            }
        }
        if (best == null) {
            throw new InvalidInputException("no trained model in " + runDir + " (no " + checkpoints + "/epoch-*.ckpt)");
        }
        return best;
    }

    private static void copy(FileSystem fs, org.apache.hadoop.fs.Path from, Path to) throws IOException {
        fs.copyToLocalFile(false, from, new org.apache.hadoop.fs.Path(to.toUri()), true);
    }

    /** Deletes a temporary copy, quietly: it runs at JVM shutdown. */
    static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(temp)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort: the temporary directory is the operating system's to clean otherwise.
        }
    }

    /**
     * A model on the local disk.
     *
     * @param path the run directory or checkpoint file to load
     * @param temporary the directory to delete when done, or null when nothing was copied
     */
    record Local(Path path, Path temporary) {
    }
}
