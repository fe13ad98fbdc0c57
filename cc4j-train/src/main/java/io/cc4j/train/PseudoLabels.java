package io.cc4j.train;

import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.metrics.ClusteringAccuracy;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The pseudo-labels of the self-labeling boost stage, one per dataset image (-1 for none), kept across epochs and
 * updated batch by batch as TCL's {@code generate_pseudo_labels} does:
 * <ol>
 *   <li>in the batch of B images, for each cluster k the {@code min(n_k, ceil(B / K * gamma))} most confident
 *       images predicted as k become candidates for label k;</li>
 *   <li>an image without a label takes its candidate label, if it has one; a labelled image keeps its label;</li>
 *   <li>any image whose confidence is below {@code alpha} loses its label.</li>
 * </ol>
 */
public final class PseudoLabels {
    private final int[] labels;
    private final int clusters;
    private final double alpha;
    private final double gamma;

    /**
     * @param images number of images in the dataset
     * @param clusters K
     * @param alpha confidence below which a label is dropped (TCL: 0.99)
     * @param gamma share of a batch's balanced quota a cluster may label at once (TCL: 0.5)
     */
    public PseudoLabels(int images, int clusters, double alpha, double gamma) {
        if (clusters < 2 || !(alpha > 0 && alpha <= 1) || !(gamma > 0)) {
            throw new InvalidInputException("pseudo-labels need K >= 2, 0 < alpha <= 1 and gamma > 0 (got K "
                    + clusters + ", alpha " + alpha + ", gamma " + gamma + ")");
        }
        this.labels = new int[images];
        Arrays.fill(labels, -1);
        this.clusters = clusters;
        this.alpha = alpha;
        this.gamma = gamma;
    }

    /**
     * Updates the labels of one batch from its cluster probabilities.
     *
     * @param indices dataset indices of the batch
     * @param probabilities B x K cluster probabilities of the test-transformed images, row-major
     */
    public void update(int[] indices, float[] probabilities) {
        int b = indices.length;
        int[] prediction = new int[b];
        float[] confidence = new float[b];
        for (int i = 0; i < b; i++) {
            int best = 0;
            for (int c = 1; c < clusters; c++) {
                if (probabilities[i * clusters + c] > probabilities[i * clusters + best]) {
                    best = c;
                }
            }
            prediction[i] = best;
            confidence[i] = probabilities[i * clusters + best];
        }
        int quota = (int) Math.ceil((double) b / clusters * gamma);
        int[] candidate = new int[b];
        Arrays.fill(candidate, -1);
        for (int c = 0; c < clusters; c++) {
            final int cluster = c;
            Integer[] members = java.util.stream.IntStream.range(0, b).filter(i -> prediction[i] == cluster)
                    .boxed().toArray(Integer[]::new);
            // most confident first; ties by position, so the result is the same on every run
            Arrays.sort(members, (x, y) -> confidence[x] != confidence[y]
                    ? Float.compare(confidence[y], confidence[x]) : Integer.compare(x, y));
            for (int j = 0; j < Math.min(quota, members.length); j++) {
                candidate[members[j]] = cluster;
            }
        }
        for (int i = 0; i < b; i++) {
            int index = indices[i];
            if (labels[index] == -1) {
                labels[index] = candidate[i];
            }
            if (confidence[i] < alpha) {
                labels[index] = -1;
            }
        }
    }

    /** @return the labels of the given images, -1 for none */
    public int[] of(int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = labels[indices[i]];
        }
        return out;
    }

    /** @return how many images carry a label */
    public int labelled() {
        int n = 0;
        for (int l : labels) {
            n += l >= 0 ? 1 : 0;
        }
        return n;
    }

    /** @return the share of images carrying a label */
    public double labelledFraction() {
        return labels.length == 0 ? 0 : (double) labelled() / labels.length;
    }

    /**
     * @param data the dataset the labels belong to
     * @return the accuracy of the labels against the true classes, under the best one-to-one matching of
     *     clusters to classes, over the labelled images; NaN without true labels or pseudo-labels
     */
    public double accuracy(ImageDataset data) {
        int n = labelled();
        if (!data.hasLabels() || n == 0) {
            return Double.NaN;
        }
        int[] truth = new int[n];
        int[] predicted = new int[n];
        int j = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                truth[j] = data.label(i);
                predicted[j++] = labels[i];
            }
        }
        return ClusteringAccuracy.of(truth, predicted);
    }

    /** Writes the labels (for exact resume). */
    void write(DataOutputStream out) throws IOException {
        out.writeInt(labels.length);
        for (int l : labels) {
            out.writeInt(l);
        }
    }

    /** Reads labels written by {@link #write}, checking that they fit. */
    void read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n != labels.length) {
            throw new InvalidInputException("the checkpoint holds pseudo-labels for " + n + " images, the data has "
                    + labels.length);
        }
        for (int i = 0; i < n; i++) {
            int l = in.readInt();
            if (l < -1 || l >= clusters) {
                throw new InvalidInputException("pseudo-label " + l + " outside -1.." + (clusters - 1));
            }
            labels[i] = l;
        }
    }
}
