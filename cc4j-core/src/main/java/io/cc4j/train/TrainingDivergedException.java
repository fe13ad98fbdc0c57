package io.cc4j.train;

import io.cc4j.InvalidInputException;

/**
 * The loss became NaN or infinite. Training stops before the optimizer applies the bad gradient; the last
 * checkpoint on disk is intact. Usually the learning rate is too high for the data or batch size.
 */
public final class TrainingDivergedException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    /** @param message names the epoch, batch and loss values */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
