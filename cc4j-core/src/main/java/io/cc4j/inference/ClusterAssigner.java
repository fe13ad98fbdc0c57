package io.cc4j.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cc4j.augment.AugmentConfig;
import io.cc4j.augment.PairBuilder;
import io.cc4j.data.ImageDataset;
import io.cc4j.model.ContrastiveModel;
import java.util.Arrays;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Assigns images to clusters online, batch by batch: test transform (resize), then argmax of the cluster
 * head. Also exports the probabilities and the instance-head or backbone features. The next batch is
 * decoded and resized while the engine runs the current one.
 */
public final class ClusterAssigner implements AutoCloseable {
    private final ContrastiveModel model;
    private final PairBuilder transform;
    private final int size;
    private final int batchSize;

    /**
     * @param model a trained model
     * @param data the images to assign
     * @param size network input size
     * @param batchSize images per forward pass
     * @param workers decoding/resizing threads (0: all cores)
     */
    public ClusterAssigner(ContrastiveModel model, ImageDataset data, int size, int batchSize, int workers) {
        this.model = model;
        this.size = size;
        this.batchSize = Math.max(1, batchSize);
        int w = workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
        this.transform = new PairBuilder(data, AugmentConfig.builder().setSize(size).build(), w);
    }

    /**
     * Assigns the given images.
     *
     * @param indices dataset indices
     * @param withProbabilities also keep the full K-vectors
     * @param features which features to keep, or null for none
     * @param progress receives the number of images done after each batch, or null
     * @return the assignments
     */
    public Assignments assign(int[] indices, boolean withProbabilities, FeatureKind features, IntConsumer progress) {
        int n = indices.length;
        int k = model.clusters();
        int[] clusters = new int[n];
        float[] confidence = new float[n];
        float[] probs = withProbabilities ? new float[n * k] : null;
        float[] feats = null;
        int dim = 0;
        Future<float[]> next = submit(indices, 0);
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            float[] pixels = PairBuilder.await(next);
            if (end < n) {
                next = submit(indices, end);
            }
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray x = scope.create(pixels, new Shape(end - start, 3, size, size));
                NDList out = model.inferAll(x);
                float[] y = out.get(2).toFloatArray();
                for (int i = 0; i < end - start; i++) {
                    int best = 0;
                    for (int c = 1; c < k; c++) {
                        if (y[i * k + c] > y[i * k + best]) {
                            best = c;
                        }
                    }
                    clusters[start + i] = best;
                    confidence[start + i] = y[i * k + best];
                }
                if (probs != null) {
                    System.arraycopy(y, 0, probs, start * k, y.length);
                }
                if (features != null) {
                    NDArray f = out.get(features == FeatureKind.BACKBONE ? 0 : 1);
                    if (feats == null) {
                        dim = (int) f.getShape().get(1);
                        feats = new float[n * dim];
                    }
                    float[] fv = f.toFloatArray();
                    System.arraycopy(fv, 0, feats, start * dim, fv.length);
                }
            }
            if (progress != null) {
                progress.accept(end);
            }
        }
        return new Assignments(indices.clone(), clusters, confidence, probs, k, feats, dim);
    }

    /** Assigns every image of the dataset. */
    public Assignments assignAll(int count, boolean withProbabilities, FeatureKind features, IntConsumer progress) {
        int[] all = new int[count];
        Arrays.setAll(all, i -> i);
        return assign(all, withProbabilities, features, progress);
    }

    private Future<float[]> submit(int[] indices, int start) {
        int[] batch = Arrays.copyOfRange(indices, start, Math.min(indices.length, start + batchSize));
        return transform.submitTest(batch);
    }


    @Override
    public void close() {
        transform.close();
    }
}
