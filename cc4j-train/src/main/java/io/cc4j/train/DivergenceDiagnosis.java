package io.cc4j.train;

import io.cc4j.option.FieldMessage;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import io.cc4j.train.TrainingDivergedException.Reason;
import java.util.List;
import java.util.Map;

/**
 * Explains a non-finite loss: looks at the step's input views and at the parameters, and suggests a lower
 * learning rate only when the loss had been growing before it broke.
 */
final class DivergenceDiagnosis {
    /** A loss this much above the lowest one seen counts as having grown. */
    private static final double GROWTH = 1.2;

    private double lowest = Double.POSITIVE_INFINITY;
    private double last = Double.NaN;

    /** Records the total loss of a finite step. */
    void record(double total) {
        last = total;
        lowest = Math.min(lowest, total);
    }

    /**
     * @return the exception describing the failure of this step
     */
    TrainingDivergedException diagnose(int epoch, int batch, double instance, double cluster, NDArray views,
            Map<String, Parameter> parameters) {
        String where = String.format("at epoch %d, batch %d", epoch, batch + 1);
        String stopped = "; stopped before the update, the last checkpoint is intact.";
        long badInputs = countNonFinite(views);
        if (badInputs > 0) {
            return new TrainingDivergedException(Reason.INPUT_DATA, String.format("the input views %s hold %d NaN or"
                    + " infinite values: the images or their augmentation are not finite%s", where, badInputs,
                    stopped));
        }
        for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
            if (countNonFinite(p.getValue().getArray()) > 0) {
                return advised(Reason.PARAMETERS, String.format("parameter %s is NaN or infinite %s: the previous"
                        + " update made it so (its gradient was not finite)%s", p.getKey(), where, stopped));
            }
        }
        return advised(Reason.LOSS, String.format("loss is not finite %s (instance %s, cluster %s) although the inputs"
                + " and parameters are finite%s", where, instance, cluster, stopped));
    }

    /**
     * @param bad the parameters whose gradient is not finite, in the network's order
     * @param of how many parameters were checked
     * @return the exception for a step whose loss was finite but whose backward pass was not
     */
    TrainingDivergedException gradients(int epoch, int batch, double instance, double cluster, List<String> bad,
            int of) {
        return advised(Reason.GRADIENTS, String.format("the gradients of %d of %d parameters are NaN or infinite at"
                + " epoch %d, batch %d although the loss was finite (instance %s, cluster %s); first in the network's"
                + " order %s, last %s; stopped before the update, the last checkpoint is intact.", bad.size(), of,
                epoch, batch + 1, instance, cluster, bad.get(0), bad.get(bad.size() - 1)));
    }

    /** The exception, advising a lower learning rate when the loss had been growing. */
    private TrainingDivergedException advised(Reason reason, String message) {
        if (Double.isFinite(last) && last > lowest * GROWTH) {
            String grown = String.format(" The loss had grown from %.4f to %.4f before: try a lower ", lowest, last);
            return new TrainingDivergedException(reason, FieldMessage.of(Optimisation.LEARNING_RATE.field(),
                    name -> message + grown + name + "."));
        }
        return new TrainingDivergedException(reason, message);
    }

    private static long countNonFinite(NDArray array) {
        long bad = 0;
        for (float v : array.toFloatArray()) {
            if (!Float.isFinite(v)) {
                bad++;
            }
        }
        return bad;
    }
}
