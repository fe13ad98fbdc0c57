package io.cc4j.train;

import io.cc4j.option.NamesFields;
import io.cc4j.option.FieldMessage;
import io.cc4j.InvalidInputException;

/**
 * A training step's loss or gradients became NaN or infinite. Training stops before the optimizer applies them;
 * the last checkpoint on disk is intact. {@link #reason()} tells which of the step's ingredients was not finite.
 */
public final class TrainingDivergedException extends InvalidInputException implements NamesFields {
    private static final long serialVersionUID = 1L;

    /** Which part of the step was not finite first. */
    public enum Reason {
        /** The augmented views fed to the network held NaN or infinite values. */
        INPUT_DATA,
        /** A parameter was already NaN or infinite: the previous update overflowed. */
        PARAMETERS,
        /** Inputs and parameters were finite, the loss was not. */
        LOSS,
        /** The loss was finite but a gradient was not: the backward pass produced NaN or infinity. */
        GRADIENTS
    }

    private final Reason reason;
    private final transient FieldMessage fieldMessage;

    /**
     * @param reason which ingredient was not finite
     * @param message names the epoch, batch and values
     */
    public TrainingDivergedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
        this.fieldMessage = null;
    }

    /**
     * @param reason which ingredient was not finite
     * @param message names the epoch, batch and values, and the settings to change
     */
    public TrainingDivergedException(Reason reason, FieldMessage message) {
        super(message.toString());
        this.reason = reason;
        this.fieldMessage = message;
    }

    @Override
    public FieldMessage fieldMessage() {
        return fieldMessage;
    }

    /** @return which ingredient of the step was not finite */
    public Reason reason() {
        return reason;
    }
}
