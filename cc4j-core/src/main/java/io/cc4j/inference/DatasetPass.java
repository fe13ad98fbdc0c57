package io.cc4j.inference;

import io.cc4j.data.ImageDataset;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/** One pass of a predictor over images of a dataset: batch k+1 is read and resized while batch k runs. */
final class DatasetPass {
    private final ClusterPredictor predictor;
    private final ImageDataset data;
    private final int[] indices;
    private final boolean keepProbabilities;
    private final FeatureKind features;
    private final IntConsumer progress;

    DatasetPass(ClusterPredictor predictor, ImageDataset data, int[] indices, boolean keepProbabilities,
            FeatureKind features, IntConsumer progress) {
        this.predictor = predictor;
        this.data = data;
        this.indices = indices.clone();
        this.keepProbabilities = keepProbabilities;
        this.features = features;
        this.progress = progress;
    }

    Assignments run() {
        int n = indices.length;
        int k = predictor.clusters();
        int batch = predictor.batchSize();
        int[] clusters = new int[n];
        float[] confidence = new float[n];
        float[] probabilities = keepProbabilities ? new float[Math.multiplyExact(n, k)] : null;
        float[] feats = null;
        int dim = 0;
        CompletableFuture<float[]> next = submit(0, Math.min(n, batch));
        for (int start = 0; start < n; start += batch) {
            int end = Math.min(n, start + batch);
            float[] pixels = InputPreparer.await(next);
            if (end < n) {
                next = submit(end, Math.min(n, end + batch));
            }
            ClusterPredictor.Batch b = predictor.forward(pixels, end - start, features);
            System.arraycopy(b.clusters, 0, clusters, start, b.n);
            System.arraycopy(b.confidence, 0, confidence, start, b.n);
            if (probabilities != null && b.probabilities.length > 0) {
                System.arraycopy(b.probabilities, 0, probabilities, start * k, b.probabilities.length);
            }
            if (b.features != null) {
                if (feats == null) {
                    dim = b.featureDim;
                    feats = new float[Math.multiplyExact(n, dim)];
                }
                System.arraycopy(b.features, 0, feats, start * dim, b.features.length);
            }
            if (progress != null) {
                progress.accept(end);
            }
        }
        return new Assignments(indices, clusters, confidence, probabilities, k, feats, dim);
    }

    private CompletableFuture<float[]> submit(int from, int to) {
        int[] part = Arrays.copyOfRange(indices, from, to);
        return predictor.inputs().submit(i -> image(part[i]), part.length);
    }

    private io.cc4j.data.RawImage image(int index) {
        io.cc4j.data.RawImage img = data.image(index);
        if (img.channels() != 1 && img.channels() != 3) {
            throw new io.cc4j.InvalidInputException("image " + data.id(index) + " has " + img.channels()
                    + " channels; only 1 (grayscale) or 3 (RGB) are supported");
        }
        return img;
    }
}
