package io.cc4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.cc4j.InvalidInputException;

/** Argument checks shared by the contrastive losses; messages name the value at fault. */
final class ContrastiveInputs {
    private ContrastiveInputs() {
    }

    static float checkTemperature(String what, float temperature) {
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new InvalidInputException(what + " must be finite and > 0, got " + temperature);
        }
        return temperature;
    }

    static void checkPair(String loss, NDList predictions) {
        if (predictions == null || predictions.size() != 2) {
            int size = predictions == null ? 0 : predictions.size();
            throw new InvalidInputException(
                    loss + " needs predictions (view a, view b), got " + size + " arrays");
        }
    }

    static void checkSameMatrix(String nameA, NDArray a, String nameB, NDArray b) {
        Shape shapeA = a.getShape();
        Shape shapeB = b.getShape();
        if (shapeA.dimension() != 2 || shapeA.get(0) < 1 || shapeA.get(1) < 1) {
            throw new InvalidInputException(nameA + " must be a non-empty N x D matrix, got shape " + shapeA);
        }
        if (!shapeA.equals(shapeB)) {
            throw new InvalidInputException(
                    nameA + " and " + nameB + " must have the same shape, got " + shapeA + " and " + shapeB);
        }
    }
}
