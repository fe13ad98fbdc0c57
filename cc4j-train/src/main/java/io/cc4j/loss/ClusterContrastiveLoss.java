package io.cc4j.loss;

import ai.djl.ndarray.NDArray;
import io.cc4j.engine.GraphConstants;

/**
 * Cluster-level contrastive loss of the CCH with its entropy terms, Li et al., "Contrastive
 * Clustering", eq. 5-7.
 *
 * <p>With Y_a, Y_b the N x K cluster probabilities of the two views (rows are softmax outputs), take
 * their columns: C = [Y_a<sup>T</sup>; Y_b<sup>T</sup>] (2K x N, one "cluster representation" per
 * row). S[k,l] = cos(C_k, C_l) / tau_C with cos(u, v) = u.v / (max(|u|, eps) max(|v|, eps)),
 * eps = 1e-8 as in torch. Row k's positive is the same cluster in the other view p(k) = k &plusmn; K,
 * its negatives the other 2K - 2 rows:
 *
 * <pre>
 *   L_clu = (1 / 2K) * sum_{k=1..2K} -log( exp(S[k,p(k)]) / sum_{l != k} exp(S[k,l]) )
 *   P_v[k] = sum_n Y_v[n,k] / sum_{n,k} Y_v[n,k]
 *   H_v    = log K + sum_k P_v[k] log P_v[k]        (log K minus the entropy of P_v; &gt;= 0)
 *   loss   = L_clu + H_a + H_b
 * </pre>
 *
 * <p>The log-sum-exp is stable (self-similarity masked out per row); P log P uses log(max(P, tiny))
 * so an empty cluster contributes 0 where the reference would compute 0 * log 0 = NaN. Labels are
 * ignored (unsupervised). The loss caches its masks per K; {@link #close()} releases them.
 */
public class ClusterContrastiveLoss extends ContrastiveLoss {
    /** The paper's cluster temperature tau_C. */
    public static final float DEFAULT_TEMPERATURE = 1.0f;
    /** Lower bound of a column norm in the cosine similarity, as torch's CosineSimilarity. */
    public static final double COSINE_EPS = 1e-8;
    /** Smallest normal float32: where P is 0, log(P) is taken at this value instead of -infinity. */
    private static final float LOG_FLOOR = Float.MIN_NORMAL;

    /** Creates the loss with tau_C = 1.0. */
    public ClusterContrastiveLoss() {
        this(DEFAULT_TEMPERATURE);
    }

    /** @param temperature tau_C, finite and &gt; 0 */
    public ClusterContrastiveLoss(float temperature) {
        this("ClusterContrastiveLoss", temperature);
    }

    /**
     * @param name display name (for DJL's accumulators)
     * @param temperature tau_C, finite and &gt; 0
     */
    public ClusterContrastiveLoss(String name, float temperature) {
        super(name, "cluster temperature", temperature);
    }

    /**
     * Computes L_clu + H_a + H_b for one pair of views; this is the code path training uses.
     *
     * @param yA view-a cluster probabilities, N x K
     * @param yB view-b cluster probabilities, N x K
     * @return the scalar loss, attached to the manager of {@code yA}
     */
    @Override
    public NDArray compute(NDArray yA, NDArray yB) {
        ContrastiveInputs.checkSameMatrix("y_a", yA, "y_b", yB);
        try (NDArray contrast = clusterContrast(yA, yB);
                NDArray entropyA = entropyTerm(yA);
                NDArray entropyB = entropyTerm(yB);
                NDArray partial = contrast.add(entropyA)) {
            return partial.add(entropyB);
        }
    }

    /**
     * L_clu alone, without the entropy terms.
     *
     * @param yA view-a cluster probabilities, N x K
     * @param yB view-b cluster probabilities, N x K
     * @return the scalar contrastive part
     */
    public NDArray clusterContrast(NDArray yA, NDArray yB) {
        ContrastiveInputs.checkSameMatrix("y_a", yA, "y_b", yB);
        try (NDArray ta = yA.transpose();
                NDArray tb = yB.transpose();
                NDArray columns = ta.concat(tb, 0);
                NDArray norms = columns.norm(new int[] {1}, true);
                NDArray eps = GraphConstants.scalar(columns.getManager(), COSINE_EPS);
                NDArray safeNorms = norms.maximum(eps);
                NDArray unit = columns.div(safeNorms);
                NDArray unitT = unit.transpose();
                NDArray cosine = unit.matMul(unitT)) {
            return crossEntropy(cosine);
        }
    }

    /**
     * H_v = log K + sum_k P_v[k] log P_v[k] for one view, with P_v the normalised column sums.
     *
     * @param y cluster probabilities of one view, N x K
     * @return the scalar entropy term (&gt;= 0 up to rounding)
     */
    public NDArray entropyTerm(NDArray y) {
        long k = y.getShape().get(1);
        try (NDArray columnSums = y.sum(new int[] {0});
                NDArray total = columnSums.sum();
                NDArray p = columnSums.div(total);
                NDArray floor = GraphConstants.scalar(p.getManager(), LOG_FLOOR);
                NDArray floored = p.maximum(floor);
                NDArray logP = floored.log();
                NDArray pLogP = p.mul(logP);
                NDArray sum = pLogP.sum();
                NDArray logK = GraphConstants.scalar(sum.getManager(), (float) Math.log(k))) {
            return sum.add(logK);
        }
    }
}
