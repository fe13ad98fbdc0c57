package io.cc4j.spark;

import io.cc4j.InvalidInputException;
import io.cc4j.model.ModelSpec;
import io.cc4j.model.store.Checkpoint;
import io.cc4j.run.RunLayout;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/**
 * What the driver knows of a model before any task runs: its spec (K, feature dimensions), read from the newest
 * checkpoint's header. Reading it also checks, once and early, that the model exists and is intact.
 */
public final class ModelInfo {
    private ModelInfo() {
    }

    /**
     * @param modelPath a run directory or checkpoint file, as a Hadoop path or URI
     * @param conf the Hadoop configuration
     * @return the model's spec
     * @throws InvalidInputException naming the path when there is no readable model
     */
    public static ModelSpec spec(String modelPath, Configuration conf) {
        ModelFiles.Local local = ModelFiles.fetch(modelPath, conf);
        try {
            Path file = ModelFiles.isCheckpointFile(modelPath) ? local.path()
                    : RunLayout.of(local.path()).checkpoints().latest().orElseThrow(() -> new InvalidInputException(
                            "no trained model in " + modelPath + " (no checkpoints/epoch-*.ckpt)"));
            return Checkpoint.open(file).header().model();
        } finally {
            ModelFiles.deleteQuietly(local.temporary());
        }
    }
}
