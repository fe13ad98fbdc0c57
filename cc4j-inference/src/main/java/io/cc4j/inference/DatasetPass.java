package io.cc4j.inference;

import io.cc4j.option.InvalidSettingException;
import io.cc4j.InvalidInputException;
import io.cc4j.data.ImageDataset;
import io.cc4j.model.FeatureKind;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * One pass of a predictor over images of a dataset: batch k+1 is read and resized while batch k runs.
 *
 * <p>The result lives in Java arrays indexed by int: {@code n} clusters, and {@code n x K} probabilities or
 * {@code n x dim} features when asked for. A request whose arrays would pass the largest Java array is refused
 * before any work, with the numbers and what to do, rather than failing half way.
 */
final class DatasetPass {
    /** The largest Java array length (a few words below Integer.MAX_VALUE on HotSpot). */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final ClusterPredictor predictor;
    private final ImageDataset data;
    private final int[] indices;
    private final boolean keepProbabilities;
    private final FeatureKind features;
    private final IntConsumer progress;
    private final Consumer<UnreadableImage> onUnreadable;

    DatasetPass(ClusterPredictor predictor, ImageDataset data, int[] indices, boolean keepProbabilities,
            FeatureKind features, IntConsumer progress, Consumer<UnreadableImage> onUnreadable) {
        this.predictor = predictor;
        this.data = data;
        this.indices = indices.clone();
        this.keepProbabilities = keepProbabilities;
        this.features = features;
        this.progress = progress;
        this.onUnreadable = onUnreadable;
    }

    Assignments run() {
        int n = indices.length;
        int k = predictor.clusters();
        int batch = predictor.batchSize();
        requireArray((long) n * k, keepProbabilities, "the " + k + " cluster probabilities", "probabilities");
        if (features != null) {
            long dim = features == FeatureKind.INSTANCE ? predictor.spec().featureDim()
                    : predictor.spec().representationDim();
            requireArray(n * dim, true, "the " + dim + " " + features + " features", "features");
        }
        int[] clusters = new int[n];
        float[] confidence = new float[n];
        float[] probabilities = keepProbabilities ? new float[n * k] : null;
        boolean[] unreadable = onUnreadable == null ? null : new boolean[n];
        int skipped = 0;
        float[] feats = null;
        int dim = 0;
        String[] failures = onUnreadable == null ? null : new String[Math.min(n, batch)];
        CompletableFuture<float[]> next = submit(0, Math.min(n, batch), failures);
        for (int start = 0; start < n; start += batch) {
            int end = Math.min(n, start + batch);
            float[] pixels = InputPreparer.await(next);
            String[] failed = failures;
            if (end < n) {
                failures = onUnreadable == null ? null : new String[Math.min(n - end, batch)];
                next = submit(end, Math.min(n, end + batch), failures);
            }
            if (failed != null) {
                for (int i = 0; i < end - start; i++) {
                    if (failed[i] != null) {
                        unreadable[start + i] = true;
                        skipped++;
                        onUnreadable.accept(new UnreadableImage(indices[start + i], data.id(indices[start + i]),
                                failed[i]));
                    }
                }
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
                    feats = new float[n * dim];
                }
                System.arraycopy(b.features, 0, feats, start * dim, b.features.length);
            }
            if (progress != null) {
                progress.accept(end);
            }
        }
        Assignments all = new Assignments(indices, clusters, confidence, probabilities, k, feats, dim);
        return skipped == 0 ? all : without(all, unreadable, n - skipped);
    }

    static void requireArray(long values, boolean needed, String what, String option) {
        if (needed && values > MAX_ARRAY) {
            throw InvalidSettingException.naming(option, name -> "assigning these images with " + what + " needs "
                    + values + " values, more than one Java array holds (" + MAX_ARRAY + "); assign the data in"
                    + " parts or leave out " + name);
        }
    }

    /** The assignments of the readable images only. */
    private static Assignments without(Assignments a, boolean[] unreadable, int kept) {
        int k = a.k();
        int dim = a.featureDim();
        int[] idx = new int[kept];
        int[] clusters = new int[kept];
        float[] confidence = new float[kept];
        float[] probabilities = a.probabilities() == null ? null : new float[kept * k];
        float[] feats = a.features() == null ? null : new float[kept * dim];
        int j = 0;
        for (int i = 0; i < unreadable.length; i++) {
            if (unreadable[i]) {
                continue;
            }
            idx[j] = a.indices()[i];
            clusters[j] = a.clusters()[i];
            confidence[j] = a.confidence()[i];
            if (probabilities != null) {
                System.arraycopy(a.probabilities(), i * k, probabilities, j * k, k);
            }
            if (feats != null) {
                System.arraycopy(a.features(), i * dim, feats, j * dim, dim);
            }
            j++;
        }
        return new Assignments(idx, clusters, confidence, probabilities, k, feats, dim);
    }

    private CompletableFuture<float[]> submit(int from, int to, String[] failures) {
        int[] part = Arrays.copyOfRange(indices, from, to);
        return predictor.inputs().submit(i -> image(part[i]), part.length, failures);
    }

    private io.cc4j.data.RawImage image(int index) {
        io.cc4j.data.RawImage img = data.image(index);
        if (img.channels() != 1 && img.channels() != 3) {
            throw new InvalidInputException("image " + data.id(index) + " has " + img.channels()
                    + " channels; only 1 (grayscale) or 3 (RGB) are supported");
        }
        return img;
    }
}
