package io.cc4j.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cc4j.engine.GraphConstants;

/**
 * The instance loss of the self-labeling boost stage (TCL, Li et al., IJCV 2022, its {@code InstanceLossBoost}):
 * the NT-Xent loss of {@link InstanceContrastiveLoss} over the 2N views of a batch (weak views first, strong
 * views second), except that pairs of different images sharing a valid pseudo-label are taken out of the
 * denominator, so that images of one cluster are not pushed apart as false negatives:
 *
 * <pre>
 *   L = -(1 / 2N) sum_i log( exp(S[i,p(i)]) / sum_{j != i, not same-label(i,j)} exp(S[i,j]) ),  S = Z Z^T / tau
 * </pre>
 *
 * where p(i) is the partner view of i (always kept) and same-label(i, j) holds when images i mod N and j mod N
 * differ and carry the same pseudo-label (unlabelled images, label -1, never match).
 */
public final class PseudoLabelInstanceLoss {
    /** Added to excluded logits: exp of it is exactly 0 in float32, and it stays finite. */
    private static final float EXCLUDED = -1.0e9f;

    private final float temperature;

    /** @param temperature tau, finite and &gt; 0 (TCL uses 0.5) */
    public PseudoLabelInstanceLoss(float temperature) {
        this.temperature = ContrastiveInputs.checkTemperature("instance temperature", temperature);
    }

    /**
     * @param zWeak instance features of the weak views, N x D, unit rows
     * @param zStrong instance features of the strong views, N x D, unit rows
     * @param pseudoLabels the pseudo-label of each image of the batch, -1 for none
     * @return the scalar loss, attached to the manager of {@code zWeak}
     */
    public NDArray compute(NDArray zWeak, NDArray zStrong, int[] pseudoLabels) {
        ContrastiveInputs.checkSameMatrix("z_weak", zWeak, "z_strong", zStrong);
        int n = (int) zWeak.getShape().get(0);
        if (pseudoLabels.length != n) {
            throw new IllegalArgumentException(pseudoLabels.length + " pseudo-labels for a batch of " + n);
        }
        int rows = 2 * n;
        float[] additive = new float[rows * rows];
        float[] partner = new float[rows * rows];
        for (int i = 0; i < rows; i++) {
            int a = i % n;
            for (int j = 0; j < rows; j++) {
                int b = j % n;
                boolean self = i == j;
                boolean sameLabel = a != b && pseudoLabels[a] >= 0 && pseudoLabels[a] == pseudoLabels[b];
                if (self || sameLabel) {
                    additive[i * rows + j] = EXCLUDED;
                }
            }
            partner[i * rows + (i + n) % rows] = 1f;
        }
        NDManager m = zWeak.getManager();
        Shape square = new Shape(rows, rows);
        try (NDArray z = zWeak.concat(zStrong, 0);
                NDArray zt = z.transpose();
                NDArray dots = z.matMul(zt);
                NDArray tau = GraphConstants.scalar(m, temperature);
                NDArray s = dots.div(tau);
                NDArray mask = GraphConstants.copyOf(m, additive, square);
                NDArray masked = s.add(mask);
                NDArray logProbabilities = masked.logSoftmax(1);
                NDArray partners = GraphConstants.copyOf(m, partner, square);
                NDArray picked = logProbabilities.mul(partners);
                NDArray total = picked.sum();
                NDArray minusRows = GraphConstants.scalar(m, -(float) rows)) {
            // autograd keeps references to what backward needs; libtorch owns the masks and the divisor
            return total.div(minusRows);
        }
    }
}
