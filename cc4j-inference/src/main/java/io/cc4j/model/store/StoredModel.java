package io.cc4j.model.store;

import io.cc4j.InvalidInputException;
import io.cc4j.model.ContrastiveModel;
import java.nio.file.Path;

/**
 * A model read from a checkpoint, with what the checkpoint says about it. Building it draws no random numbers
 * and changes no process-wide setting.
 *
 * @param model the network with the checkpoint's parameters (the caller closes it)
 * @param header format, epoch, model spec, provenance and training configuration
 * @param file the checkpoint read
 */
public record StoredModel(ContrastiveModel model, Checkpoint.Header header, Path file) {
    /**
     * Loads one checkpoint file.
     *
     * @param file the checkpoint
     * @return the model
     * @throws InvalidInputException naming the file when it is missing, corrupt or does not fit its model spec
     */
    public static StoredModel load(Path file) {
        Checkpoint.Verified checkpoint = Checkpoint.open(file);
        ContrastiveModel model = checkpoint.header().model().buildForLoading();
        try {
            checkpoint.readSections(in -> ParameterFile.read(in, model), null);
            return new StoredModel(model, checkpoint.header(), file);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
