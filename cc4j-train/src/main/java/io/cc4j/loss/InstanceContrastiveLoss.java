package io.cc4j.loss;

import ai.djl.ndarray.NDArray;

/**
 * Instance-level contrastive loss of the ICH (NT-Xent), Li et al., "Contrastive Clustering", eq. 2-3.
 *
 * <p>With z_a, z_b the N x D instance features of the two views (rows L2-normalised by the head; this
 * loss does not normalise them again), stack them into Z (2N x D) and let S = Z Z<sup>T</sup> / tau_I.
 * Row i's positive is its partner view p(i) = i &plusmn; N; its negatives are the other 2N - 2 rows:
 *
 * <pre>
 *   L_ins = (1 / 2N) * sum_{i=1..2N} -log( exp(S[i,p(i)]) / sum_{j != i} exp(S[i,j]) )
 * </pre>
 *
 * <p>The log-sum-exp runs per row with the self-similarity masked out, so it is stable for any
 * temperature. Gradients flow to both inputs through DJL's autograd. Labels are ignored
 * (unsupervised). The loss keeps its masks cached per batch size; {@link #close()} releases them.
 */
public class InstanceContrastiveLoss extends ContrastiveLoss {
    /** The paper's instance temperature tau_I. */
    public static final float DEFAULT_TEMPERATURE = 0.5f;

    /** Creates the loss with tau_I = 0.5. */
    public InstanceContrastiveLoss() {
        this(DEFAULT_TEMPERATURE);
    }

    /** @param temperature tau_I, finite and &gt; 0 */
    public InstanceContrastiveLoss(float temperature) {
        this("InstanceContrastiveLoss", temperature);
    }

    /**
     * @param name display name (for DJL's accumulators)
     * @param temperature tau_I, finite and &gt; 0
     */
    public InstanceContrastiveLoss(String name, float temperature) {
        super(name, "instance temperature", temperature);
    }

    /**
     * Computes L_ins for one pair of views; this is the code path training uses.
     *
     * @param zA view-a features, N x D
     * @param zB view-b features, N x D
     * @return the scalar loss, attached to the manager of {@code zA}
     */
    @Override
    public NDArray compute(NDArray zA, NDArray zB) {
        ContrastiveInputs.checkSameMatrix("z_a", zA, "z_b", zB);
        try (NDArray z = zA.concat(zB, 0);
                NDArray zt = z.transpose();
                NDArray dots = z.matMul(zt)) {
            return crossEntropy(dots);
        }
    }
}
