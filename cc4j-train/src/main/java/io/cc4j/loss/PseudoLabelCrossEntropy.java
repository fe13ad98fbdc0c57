package io.cc4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cc4j.engine.GraphConstants;

/**
 * The cluster loss of the self-labeling boost stage (TCL's {@code ClusterLossBoost}): cross-entropy of the
 * strong views' cluster logits against the pseudo-labels, over the labelled images of the batch only, with
 * PyTorch's class weights {@code w[k] = labelled / count_k} (1 for a cluster without labelled image) and its
 * weighted mean:
 *
 * <pre>
 *   L = sum_i w[y_i] * -log softmax(c_i)[y_i]  /  sum_i w[y_i]     (i labelled)
 * </pre>
 *
 * so every cluster present in the batch weighs the same whatever its size. A batch without labelled image has
 * loss 0 and no gradient.
 */
public final class PseudoLabelCrossEntropy {
    /**
     * @param logits cluster-head logits (before the softmax) of the strong views, N x K
     * @param pseudoLabels the pseudo-label of each image, -1 for none
     * @return the scalar loss, attached to the manager of {@code logits}
     */
    public NDArray compute(NDArray logits, int[] pseudoLabels) {
        int n = (int) logits.getShape().get(0);
        int k = (int) logits.getShape().get(1);
        if (pseudoLabels.length != n) {
            throw new IllegalArgumentException(pseudoLabels.length + " pseudo-labels for a batch of " + n);
        }
        int[] counts = new int[k];
        int labelled = 0;
        for (int y : pseudoLabels) {
            if (y >= 0) {
                if (y >= k) {
                    throw new IllegalArgumentException("pseudo-label " + y + " outside 0.." + (k - 1));
                }
                counts[y]++;
                labelled++;
            }
        }
        NDManager m = logits.getManager();
        if (labelled == 0) {
            return GraphConstants.scalar(m, 0);
        }
        float[] weights = new float[n * k];
        double weightSum = 0;
        for (int i = 0; i < n; i++) {
            int y = pseudoLabels[i];
            if (y >= 0) {
                float w = (float) labelled / counts[y];
                weights[i * k + y] = w;
                weightSum += w;
            }
        }
        try (NDArray logProbabilities = logits.logSoftmax(1);
                NDArray w = GraphConstants.copyOf(m, weights, new Shape(n, k));
                NDArray weighted = logProbabilities.mul(w);
                NDArray total = weighted.sum();
                NDArray minusSum = GraphConstants.scalar(m, -(float) weightSum)) {
            return total.div(minusSum);
        }
    }
}
