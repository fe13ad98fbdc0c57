package io.cc4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.cc4j.engine.GraphConstants;

/**
 * A contrastive loss over two views of a batch at a temperature tau: each item of one view has the same item of the
 * other view as its positive and every other item of both views as a negative, scored by the NT-Xent cross-entropy
 * over the similarity matrix S / tau (see {@link PartnerCrossEntropy}). The instance loss contrasts the images'
 * features, the cluster loss the clusters' probability columns; what they share, the temperature, the DJL entry
 * point and the cached masks, lives here.
 *
 * <p>Labels are ignored (unsupervised). The masks are cached per size; {@link #close()} releases them.
 */
public abstract class ContrastiveLoss extends Loss implements AutoCloseable {
    private final float temperature;
    private final PartnerCrossEntropy crossEntropy = new PartnerCrossEntropy();

    /**
     * @param name display name (for DJL's accumulators)
     * @param temperatureName what the temperature is called in an error message
     * @param temperature tau, finite and &gt; 0
     */
    protected ContrastiveLoss(String name, String temperatureName, float temperature) {
        super(name);
        this.temperature = ContrastiveInputs.checkTemperature(temperatureName, temperature);
    }

    /** @return the temperature tau */
    public float getTemperature() {
        return temperature;
    }

    /**
     * DJL entry point.
     *
     * @param labels ignored (may be null)
     * @param predictions exactly the two views' outputs, each N x D
     * @return the scalar loss
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        ContrastiveInputs.checkPair(getName(), predictions);
        return compute(predictions.get(0), predictions.get(1));
    }

    /**
     * Computes the loss for one pair of views; this is the code path training uses.
     *
     * @param a the first view's outputs, N x D
     * @param b the second view's outputs, same shape
     * @return the scalar loss, attached to the manager of {@code a}
     */
    public abstract NDArray compute(NDArray a, NDArray b);

    /**
     * The NT-Xent cross-entropy of a similarity matrix before the temperature.
     *
     * @param dots the 2M x 2M similarities of M items seen in two views (rows 0..M-1 the first view)
     * @return the scalar mean cross-entropy of {@code dots / tau}
     */
    protected final NDArray crossEntropy(NDArray dots) {
        try (NDArray tau = GraphConstants.scalar(dots.getManager(), temperature);
                NDArray similarity = dots.div(tau)) {
            return crossEntropy.apply(similarity);
        }
    }

    /** Releases the cached masks (they are rebuilt if the loss is used again). */
    @Override
    public void close() {
        crossEntropy.close();
    }
}
